// ReDoc on this server's own copy, in the system's fonts (its default theme names web fonts).
Redoc.init(
  "/openapi.json",
  { theme: { typography: { fontFamily: "system-ui, sans-serif", headings: { fontFamily: "system-ui, sans-serif" } } } },
  document.getElementById("redoc"),
);
