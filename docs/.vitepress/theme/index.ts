// The default theme, with the text column widened for 80-column example programs.
import DefaultTheme from 'vitepress/theme';
import './wide-code.css';

export default DefaultTheme;
