// Starlight's `virtual:starlight/project-context` for unit tests: Astro's defaults, which the site keeps.
export default { build: { format: 'directory' }, root: '/', srcDir: '/src/', trailingSlash: 'ignore' };
