// Starlight's `virtual:starlight/user-images` for unit tests: no logo.
export const logos = {};
