// The page entry: theme tokens, then the app shell. Everything else is imported by the components.
import './app-styles/theme.css';
import './components/cb-app/cb-app';
