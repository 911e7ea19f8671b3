// `astro:content` for unit tests of Starlight's own code: an empty docs collection.
export const getCollection = async () => [];
