/** The content model: one schema module per content type, shared by the CLI and Astro. */
export * from './archived-checklist.ts';
export * from './binder-section.ts';
export * from './checklist-template.ts';
export * from './client-profile.ts';
export * from './common.ts';
export * from './evidence.ts';
export * from './msp-settings.ts';
export * from './tech-note.ts';
