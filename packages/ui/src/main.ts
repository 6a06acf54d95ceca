// The page entry: theme tokens, then the app shell — unless the page is inside another site's frame
// (frame-guard.ts), where the app never starts. Everything else is imported by the components.
import './app-styles/theme.css';
import { isFramed, showFramedNotice } from './frame-guard';

if (isFramed()) showFramedNotice();
else await import('./components/cb-app/cb-app');
