// Starlight's `virtual:starlight/user-config` for unit tests of code that must match Starlight's own
// (vitest.config.ts aliases it): the site's options, with Starlight's defaults by its own schema.
import { StarlightConfigSchema } from '../../../node_modules/@astrojs/starlight/dist/utils/user-config.js';

export default StarlightConfigSchema.parse({ title: 'Binder', sidebar: [], pagination: false });
