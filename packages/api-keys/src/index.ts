// Filled in by the @org/api-keys issue; the package exists so the workspace layout is complete.
export {};
