// Filled in by the @org/services issue; the package exists so the workspace layout is complete.
export {};
