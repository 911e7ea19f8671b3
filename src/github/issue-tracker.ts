import { OutsideError } from '../core/errors.ts';

/** An issue as msp-binder needs to see it. */
export interface TrackerIssue {
  /** Issue number. */
  number: number;
  /** Title. */
  title: string;
  /** Markdown body ('' when empty). */
  body: string;
  /** open or closed. */
  state: 'open' | 'closed';
  /** GitHub's state_reason: completed, not_planned, duplicate, reopened, or null. */
  stateReason: string | null;
  /** Label names. */
  labels: string[];
  /** Assignee logins. */
  assignees: string[];
  /** Milestone title, if any. */
  milestone: string | null;
  /** Web address. */
  htmlUrl: string;
  /** When it was closed, ISO 8601 UTC, or null. */
  closedAt: string | null;
  /** Who closed it, or null. */
  closedBy: string | null;
  /** When it was last updated. */
  updatedAt: string;
}

/** A comment on an issue. */
export interface TrackerComment {
  /** Comment id. */
  id: number;
  /** Author login. */
  author: string;
  /** Whether the author is a bot account. */
  authorIsBot: boolean;
  /**
   * GitHub's `author_association`: OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIMER,
   * FIRST_TIME_CONTRIBUTOR, MANNEQUIN or NONE. Only the first three are archived, and the logins
   * the content names as staff whatever theirs is (a private organisation membership hides it).
   */
  authorAssociation: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Markdown. */
  body: string;
}

/** What creating an issue takes: everything in one request. */
export interface NewIssue {
  /** Title. */
  title: string;
  /** Body. */
  body: string;
  /** Label names (GitHub creates missing ones). */
  labels: string[];
  /** Assignee logins. */
  assignees: string[];
  /** Milestone number. */
  milestone?: number;
}

/**
 * The narrow interface msp-binder needs from an issue tracker. The octokit implementation talks
 * to GitHub; tests run it against a local stand-in of GitHub's REST API.
 */
export interface IssueTracker {
  /** Checks the repository exists and the token can read it. */
  verifyAccess(): Promise<void>;
  /** Lists issues (never pull requests) carrying all `labels`, paginated to the end. */
  listIssues(query: {
    labels: string[];
    state: 'open' | 'closed' | 'all';
    since?: string;
  }): Promise<TrackerIssue[]>;
  /** Reads one issue (undefined when it is a pull request or missing). */
  getIssue(number: number): Promise<TrackerIssue | undefined>;
  /** Creates an issue in one request. Never retried by the client: the caller decides. */
  createIssue(issue: NewIssue): Promise<TrackerIssue>;
  /** Closes an issue with a reason. */
  closeIssue(number: number, reason: 'completed' | 'not_planned' | 'duplicate'): Promise<void>;
  /** Lists an issue's comments, oldest first. */
  listComments(number: number): Promise<TrackerComment[]>;
  /** Adds a comment. */
  addComment(number: number, body: string): Promise<void>;
  /** Adds labels to an issue. */
  addLabels(number: number, labels: string[]): Promise<void>;
  /** Every label name in the repository. */
  listLabels(): Promise<string[]>;
  /** Creates a label; resolves quietly if it already exists. */
  createLabel(label: { name: string; color: string; description: string }): Promise<void>;
  /** Open and closed milestones. */
  listMilestones(): Promise<{ number: number; title: string }[]>;
  /** Creates a milestone; returns its number. */
  createMilestone(milestone: { title: string; dueOn: string; description: string }): Promise<number>;
}

/** Why a tracker request failed, as far as a retry is concerned. */
export type TrackerFailure =
  | 'network'
  | 'server'
  | 'rate-limit'
  | 'permission'
  | 'auth'
  | 'not-found'
  | 'invalid'
  | 'other';

/**
 * An error from the tracker that says what failed in one sentence, and whether a retry can help.
 * It is an OutsideError (exit 2): something outside msp-binder refused or failed.
 */
export class TrackerError extends OutsideError {
  override name = 'TrackerError';
  /** HTTP status, or 0 for a network failure. */
  readonly status: number;
  /** What kind of failure it was. */
  readonly failure: TrackerFailure;
  /**
   * True when waiting and trying again can help: network failures, 5xx, and rate limits (429, or
   * a 403 that GitHub marks as a rate limit). A permission 403 is final: retrying only spends the
   * run's budget and the reader's time.
   */
  readonly transient: boolean;

  constructor(message: string, status: number, failure: TrackerFailure, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.failure = failure;
    this.transient = failure === 'network' || failure === 'server' || failure === 'rate-limit';
  }
}
