// The two test servers (playwright.config.ts starts them): inside and outside the 1st–25th window.
export const PORT = 4173;
export const PORT_26TH = 4174;
export const ON_THE_26TH = `http://127.0.0.1:${PORT_26TH}`;
