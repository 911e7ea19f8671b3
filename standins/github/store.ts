/**
 * The GitHub stand-in's state: issues (and pull requests, which share their numbering), comments,
 * labels, milestones, users, the request log and the token's permissions. The HTTP routes and the
 * test hooks both change state through here, so a technician's edit in a test and a write over
 * HTTP update the same records the same way.
 */
import type { FaultKind } from './faults.ts';

/** One request as the stand-in saw it. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Path without query. */
  path: string;
  /** Query parameters. */
  query: Record<string, string>;
  /** Status sent (0 for a dropped connection). */
  status: number;
  /** Parsed JSON body, if any. */
  body: unknown;
  /** The injected fault, if any. */
  fault?: FaultKind;
  /** The OpenAPI operation id it matched. */
  operation?: string;
}

/** A GitHub account: a person, or an app's bot. */
export interface User {
  /** Login, e.g. `jane-tech` or `github-actions[bot]`. */
  login: string;
  /** Numeric id, from the store's one id sequence. */
  id: number;
  /** `Bot` for logins ending in `[bot]`, as on GitHub. */
  type: 'User' | 'Bot';
}

/** An issue or pull request as the store keeps it (rendered to GitHub's JSON by the routes). */
export interface IssueState {
  /** Global id. */
  id: number;
  /** Number in the repository, shared by issues and pull requests. */
  number: number;
  /** Title. */
  title: string;
  /** Body Markdown, or null when it has none. */
  body: string | null;
  /** Author. */
  user: User;
  /** Label names. */
  labels: string[];
  /** Assignee logins. */
  assignees: string[];
  /** Milestone number, or null. */
  milestone: number | null;
  /** Open or closed. */
  state: 'open' | 'closed';
  /** `completed`, `not_planned`, `reopened` or null. */
  stateReason: string | null;
  /** ISO time, to the second. */
  createdAt: string;
  /** ISO time, to the second. */
  updatedAt: string;
  /** ISO time, or null while open. */
  closedAt: string | null;
  /** Who closed it, or null while open. */
  closedBy: User | null;
  /** Number of comments. */
  comments: number;
  /** True for a pull request. */
  pullRequest: boolean;
}

/** A comment on an issue. */
export interface CommentState {
  /** Global id. */
  id: number;
  /** Issue number it belongs to. */
  issue: number;
  /** Author. */
  user: User;
  /** Markdown. */
  body: string;
  /** ISO time, to the second. */
  createdAt: string;
  /** GitHub's `author_association` (OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, …). */
  authorAssociation: string;
}

/** A repository label. */
export interface LabelState {
  /** Global id. */
  id: number;
  /** Name, unique in the repository. */
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  /** Description, or null. */
  description: string | null;
}

/** A repository milestone. */
export interface MilestoneState {
  /** Global id. */
  id: number;
  /** Number in the repository, from 1. */
  number: number;
  /** Title, unique in the repository. */
  title: string;
  /** Description, or null. */
  description: string | null;
  /** Due time, or null. */
  dueOn: string | null;
  /** Open or closed. */
  state: 'open' | 'closed';
  /** ISO time, to the second. */
  createdAt: string;
}

/**
 * What the token may do, as a GitHub App installation token's (or `GITHUB_TOKEN`'s) permissions
 * say. `issues: 'read'` makes every write answer GitHub's 403 for a missing permission.
 */
export interface StandinPermissions {
  /** Access to issues, comments, labels and milestones (default `write`). */
  issues: 'read' | 'write';
}

/** An error answer: GitHub's status and JSON body, thrown by lookups and handlers. */
export class HttpError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** GitHub's error JSON. */
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** GitHub's REST docs, which its error answers link. */
export const DOCS = 'https://docs.github.com/rest';

/** Throws GitHub's error shape (`message`, `documentation_url`, `status` as a string). */
export function fail(status: number, message: string, extra: Record<string, unknown> = {}): never {
  throw new HttpError(status, {
    message,
    documentation_url: DOCS,
    status: String(status),
    ...extra,
  });
}

/** The fields a new issue or pull request is made from. */
export interface NewIssueFields {
  /** Title. */
  title: string;
  /** Body, or null. */
  body: string | null;
  /** Label names (each must already exist: see `ensureLabel`). */
  labels: string[];
  /** Assignee logins. */
  assignees: string[];
  /** Milestone number, or null. */
  milestone: number | null;
  /** Author. */
  author: User;
  /** True for a pull request. */
  pullRequest: boolean;
}

/** The stand-in's repository state and request log. */
export class StandinStore {
  /** Every request, in order (the routes and the server append; tests read). */
  readonly requests: RecordedRequest[] = [];
  /** Issues and pull requests in number order. */
  readonly issues: IssueState[] = [];
  /** Comments on all issues, in creation order. */
  readonly comments: CommentState[] = [];
  /** Labels by name, in creation order. */
  readonly labels = new Map<string, LabelState>();
  /** Milestones in number order. */
  readonly milestones: MilestoneState[] = [];
  /** The token's permissions. */
  permissions: StandinPermissions = { issues: 'write' };
  /** Login of the token's user: the author of everything written over HTTP. */
  readonly actorLogin: string;
  readonly #users = new Map<string, User>();
  readonly #now: () => Date;
  // One id sequence for users, issues, comments, labels and milestones, so ids never collide.
  #nextId = 1000;

  constructor(options: { actorLogin: string; now: () => Date }) {
    this.actorLogin = options.actorLogin;
    this.#now = options.now;
  }

  /** The next global id. */
  nextId(): number {
    return this.#nextId++;
  }

  /** ISO time to the second, as GitHub writes it; `now` by default. */
  iso(date = this.#now()): string {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** The user with this login, created on first mention. */
  user(login: string): User {
    let found = this.#users.get(login);
    if (!found) {
      found = { login, id: this.nextId(), type: login.endsWith('[bot]') ? 'Bot' : 'User' };
      this.#users.set(login, found);
    }
    return found;
  }

  /** The token's user. */
  actor(): User {
    return this.user(this.actorLogin);
  }

  /** The issue with this number; a 404 answer when there is none. */
  findIssue(number: number): IssueState {
    return this.issues.find((issue) => issue.number === number) ?? fail(404, 'Not Found');
  }

  /** Creates a label with GitHub's default colour unless it exists. */
  ensureLabel(name: string): void {
    if (!this.labels.has(name))
      this.labels.set(name, { id: this.nextId(), name, color: 'ededed', description: null });
  }

  /** Adds an issue or pull request, open, numbered after the last one. */
  addIssue(fields: NewIssueFields): IssueState {
    const created = this.iso();
    const { author, ...rest } = fields;
    const issue: IssueState = {
      ...rest,
      id: this.nextId(),
      // Issues and pull requests share one numbering, as on GitHub.
      number: this.issues.length + 1,
      user: author,
      state: 'open',
      stateReason: null,
      createdAt: created,
      updatedAt: created,
      closedAt: null,
      closedBy: null,
      comments: 0,
    };
    this.issues.push(issue);
    return issue;
  }

  /** Adds a comment to an issue (404 when there is no such issue) and bumps its `updatedAt`. */
  addComment(
    number: number,
    body: string,
    author: User,
    at?: Date,
    authorAssociation = 'MEMBER',
  ): CommentState {
    const issue = this.findIssue(number);
    const comment = {
      id: this.nextId(),
      issue: number,
      user: author,
      body,
      createdAt: this.iso(at),
      authorAssociation,
    };
    this.comments.push(comment);
    issue.comments += 1;
    issue.updatedAt = this.iso(at);
    return comment;
  }

  /** Adds an issue or pull request as if someone made it in GitHub's UI (labels created as needed). */
  seedIssue(
    title: string,
    body: string | null,
    labelNames: string[],
    login: string,
    pullRequest: boolean,
  ): number {
    for (const name of labelNames) this.ensureLabel(name);
    return this.addIssue({
      title,
      body,
      labels: labelNames,
      assignees: [],
      milestone: null,
      author: this.user(login),
      pullRequest,
    }).number;
  }

  /** Replaces an issue's body, as a technician ticking boxes in GitHub's UI does. */
  editIssueBody(number: number, body: string): void {
    const issue = this.findIssue(number);
    issue.body = body;
    issue.updatedAt = this.iso();
  }

  /** Closes an issue as a technician does. */
  closeIssue(
    number: number,
    options: { reason: 'completed' | 'not_planned'; login: string; at?: Date },
  ): void {
    const issue = this.findIssue(number);
    issue.state = 'closed';
    issue.stateReason = options.reason;
    issue.closedAt = this.iso(options.at);
    issue.closedBy = this.user(options.login);
    issue.updatedAt = this.iso(options.at);
  }

  /** Reopens an issue as a technician does. */
  reopenIssue(number: number): void {
    const issue = this.findIssue(number);
    issue.state = 'open';
    issue.stateReason = 'reopened';
    issue.closedAt = null;
    issue.closedBy = null;
    issue.updatedAt = this.iso();
  }

  /** Non-GET requests that got past authentication and routing (writes, faulted or not). */
  writes(): RecordedRequest[] {
    return this.requests.filter(
      (request) => request.method !== 'GET' && request.status !== 401 && request.status !== 404,
    );
  }
}
