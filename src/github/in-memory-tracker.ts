import {
  type IssueTracker,
  type NewIssue,
  type TrackerComment,
  TrackerError,
  type TrackerFailure,
  type TrackerIssue,
} from './issue-tracker.ts';

/** A failure the in-memory tracker injects into the next matching call. */
export interface InjectedFailure {
  /** Which tracker method fails. */
  method: keyof IssueTracker;
  /** The failure; `applied` makes a create succeed in the store and still fail, like a dropped response. */
  failure: TrackerFailure;
  /** For createIssue: the issue is created, then the call fails (the response was lost). */
  applied?: boolean;
}

/** An issue as the in-memory tracker stores it, with its comments. */
export interface StoredIssue extends TrackerIssue {
  /** Comments, oldest first. */
  comments: TrackerComment[];
}

/**
 * An IssueTracker held in memory, for in-process tests of `syncMonth` and `archiveIssues` in
 * milliseconds (the way actions/stale tests its processor against a mock). It behaves as the
 * tracker contract says: lists carry every label asked for, a create is one call, permission
 * 403s, rate limits and lost responses can be injected. The HTTP stand-in of GitHub stays the
 * end-to-end layer.
 */
export class InMemoryTracker implements IssueTracker {
  /** Every call made, in order, with whether it wrote. */
  readonly calls: { method: keyof IssueTracker; write: boolean }[] = [];
  /** The stored issues. */
  readonly issues: StoredIssue[] = [];
  /** Label names in the repository. */
  readonly labels = new Set<string>();
  /** Milestones. */
  readonly milestones: { number: number; title: string }[] = [];
  /** When false, every write fails with a permission 403, as a read-only token does. */
  canWrite = true;
  private failures: InjectedFailure[] = [];
  private nextComment = 1;
  private clock = Date.parse('2026-12-01T06:17:00Z');

  /** Queues failures; each is used once by the first matching call. */
  inject(...failures: InjectedFailure[]): void {
    this.failures.push(...failures);
  }

  /** The number of write calls made. */
  writeCount(): number {
    return this.calls.filter((call) => call.write).length;
  }

  /** Seeds an issue as if someone had created it; returns it. */
  seedIssue(issue: Partial<TrackerIssue> & Pick<TrackerIssue, 'title' | 'body' | 'labels'>): StoredIssue {
    const number = this.issues.length + 1;
    const stored: StoredIssue = {
      number,
      state: 'open',
      stateReason: null,
      assignees: [],
      milestone: null,
      htmlUrl: `https://github.test/o/r/issues/${number}`,
      closedAt: null,
      closedBy: null,
      updatedAt: this.tick(),
      comments: [],
      ...issue,
    };
    for (const label of stored.labels) this.labels.add(label);
    this.issues.push(stored);
    return stored;
  }

  /** Adds a comment as a person would (a collaborator unless said otherwise). */
  comment(
    number: number,
    body: string,
    author = 'jane-tech',
    authorIsBot = false,
    authorAssociation = authorIsBot ? 'NONE' : 'COLLABORATOR',
  ): void {
    const issue = this.find(number);
    issue.comments.push({
      id: this.nextComment++,
      author,
      authorIsBot,
      authorAssociation,
      createdAt: this.tick(),
      body,
    });
    issue.updatedAt = this.tick();
  }

  /** Closes an issue as a person would. */
  close(
    number: number,
    reason: 'completed' | 'not_planned' | 'duplicate' = 'completed',
    by = 'jane-tech',
  ): void {
    const issue = this.find(number);
    issue.state = 'closed';
    issue.stateReason = reason;
    issue.closedAt = this.tick();
    issue.closedBy = by;
    issue.updatedAt = issue.closedAt;
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace(/\.000Z$/, 'Z');
  }

  private find(number: number): StoredIssue {
    const issue = this.issues.find((candidate) => candidate.number === number);
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  private enter(method: keyof IssueTracker, write: boolean): InjectedFailure | undefined {
    this.calls.push({ method, write });
    if (write && !this.canWrite)
      throw new TrackerError(
        `GitHub refused ${method} (403: Resource not accessible by integration).`,
        403,
        'permission',
      );
    const index = this.failures.findIndex((failure) => failure.method === method);
    if (index < 0) return undefined;
    const [failure] = this.failures.splice(index, 1);
    if (failure?.applied) return failure;
    if (failure) throw this.error(failure);
    return undefined;
  }

  private error(failure: InjectedFailure): TrackerError {
    const status = {
      network: 0,
      server: 502,
      'rate-limit': 429,
      permission: 403,
      auth: 401,
      'not-found': 404,
      invalid: 422,
      other: 418,
    }[failure.failure];
    return new TrackerError(
      `injected ${failure.failure} failure in ${failure.method}`,
      status,
      failure.failure,
    );
  }

  private copy(issue: StoredIssue): TrackerIssue {
    const { comments: _comments, ...rest } = issue;
    return { ...rest, labels: [...rest.labels], assignees: [...rest.assignees] };
  }

  async verifyAccess(): Promise<void> {
    this.enter('verifyAccess', false);
  }

  async listIssues(query: {
    labels: string[];
    state: 'open' | 'closed' | 'all';
    since?: string;
  }): Promise<TrackerIssue[]> {
    this.enter('listIssues', false);
    return this.issues
      .filter((issue) => query.labels.every((label) => issue.labels.includes(label)))
      .filter((issue) => query.state === 'all' || issue.state === query.state)
      .filter((issue) => !query.since || issue.updatedAt >= query.since)
      .map((issue) => ({ ...this.copy(issue), closedBy: null })); // like GitHub's list: no closed_by
  }

  async getIssue(number: number): Promise<TrackerIssue | undefined> {
    this.enter('getIssue', false);
    const issue = this.issues.find((candidate) => candidate.number === number);
    return issue ? this.copy(issue) : undefined;
  }

  async createIssue(issue: NewIssue): Promise<TrackerIssue> {
    const applied = this.enter('createIssue', true);
    const milestone =
      this.milestones.find((candidate) => candidate.number === issue.milestone)?.title ?? null;
    const stored = this.seedIssue({
      title: issue.title,
      body: issue.body,
      labels: [...issue.labels],
      assignees: [...issue.assignees],
      milestone,
    });
    if (applied) throw this.error(applied);
    return this.copy(stored);
  }

  async closeIssue(number: number, reason: 'completed' | 'not_planned' | 'duplicate'): Promise<void> {
    this.enter('closeIssue', true);
    this.close(number, reason, 'msp-binder[bot]');
  }

  async listComments(number: number): Promise<TrackerComment[]> {
    this.enter('listComments', false);
    return this.find(number).comments.map((comment) => ({ ...comment }));
  }

  async addComment(number: number, body: string): Promise<void> {
    this.enter('addComment', true);
    this.comment(number, body, 'github-actions[bot]', true);
  }

  async addLabels(number: number, labels: string[]): Promise<void> {
    this.enter('addLabels', true);
    const issue = this.find(number);
    for (const label of labels) {
      this.labels.add(label);
      if (!issue.labels.includes(label)) issue.labels.push(label);
    }
  }

  async listLabels(): Promise<string[]> {
    this.enter('listLabels', false);
    return [...this.labels];
  }

  async createLabel(label: { name: string; color: string; description: string }): Promise<void> {
    this.enter('createLabel', true);
    this.labels.add(label.name);
  }

  async listMilestones(): Promise<{ number: number; title: string }[]> {
    this.enter('listMilestones', false);
    return this.milestones.map((milestone) => ({ ...milestone }));
  }

  async createMilestone(milestone: { title: string; dueOn: string; description: string }): Promise<number> {
    this.enter('createMilestone', true);
    const number = this.milestones.length + 1;
    this.milestones.push({ number, title: milestone.title });
    return number;
  }
}
