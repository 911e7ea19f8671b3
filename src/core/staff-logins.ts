import type { ContentSet } from './content-model.ts';

/**
 * The GitHub logins the content names as the MSP's staff, lowercased (GitHub logins are
 * case-insensitive): msp.yaml's `assignees` and `staff`, and each client profile's `assignees`
 * and `owner`. Archive keeps their comments whatever GitHub's `author_association` says: a
 * member whose organisation membership is private shows to the workflow's token as a
 * contributor or as nobody (README, "What comes from GitHub is untrusted input").
 */
export function staffLogins(content: Pick<ContentSet, 'msp' | 'clients'>): Set<string> {
  const logins = [
    ...Object.values(content.msp?.assignees ?? {}).flat(),
    ...Object.keys(content.msp?.staff ?? {}),
    ...content.clients.flatMap((client) => [
      ...Object.values(client.data.assignees).flat(),
      ...(client.data.owner ? [client.data.owner] : []),
    ]),
  ];
  return new Set(logins.map((login) => login.toLowerCase()));
}
