/** About the height of a Delivery panel with figures: held while it loads, so it does not push the page down. */
export const PANEL_LOADING_HEIGHT = 560
