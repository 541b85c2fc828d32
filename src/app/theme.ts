import { createTheme } from '@mui/material/styles'

/**
 * Light and dark schemes. Not as CSS variables: generating and inserting both schemes' variables cost the first
 * visit ~25 ms before its first row (measured cold), while a switch of scheme, which re-renders the tree without
 * them, is rare.
 */
export const theme = createTheme({
  colorSchemes: {
    light: {
      // A darker warning.dark than MUI's, so warning text on white passes WCAG AA (6.5:1 rather than 3.8:1).
      palette: { primary: { main: '#1565c0' }, warning: { main: '#ed6c02', dark: '#a04000' } },
    },
    dark: { palette: { primary: { main: '#90caf9' } } },
  },
  // The system font stack: no web font to download before the first screen.
  typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  components: {
    MuiCssBaseline: {
      styleOverrides: (theme) => ({
        // Links in tables that mount a page of rows at a time (pool names): plain anchors styled once, here, rather
        // than an MUI Link each, whose styles are worked out per element on every render.
        '.list-link': {
          color: theme.palette.primary.main,
          textUnderlineOffset: 2,
          '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: 1 },
        },
      }),
    },
  },
})
