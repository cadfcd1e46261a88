// Vite turns CSS imports into the bundle's stylesheet file.
declare module '*.css';
