/** Composition root of the page: wiring only. The page itself arrives with the view and ui layers. */
export {};
