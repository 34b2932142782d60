/** One write the reconciler made. */
export interface ReconcileChange {
  cluster: string;
  action:
    | 'create-account'
    | 'add-member'
    | 'block-account'
    | 'unblock-account'
    | 'block-member'
    | 'unblock-member'
    | 'remove-member';
  account: string;
  user?: string;
}

/** A difference the reconciler could not remove, with the last error. */
export interface ReconcileFailure {
  cluster: string;
  account: string;
  user?: string;
  /** What was wanted: `blocked`, `unblocked`, `present` or `absent`. */
  wanted: string;
  error?: string;
}

/** A member the reconciler left alone because a change of their membership was under way. */
export interface ReconcileDeferral {
  cluster: string;
  account: string;
  user: string;
}

/** What one reconciliation did. */
export interface ReconcileReport {
  changes: ReconcileChange[];
  /** Differences still present after every attempt (empty when all clusters match the ledger). */
  failures: ReconcileFailure[];
  /**
   * Members left alone, neither written nor reported as failures, because `addMember` or
   * `removeMember` of this process was changing them: an attached or started reconciler runs again
   * once that change ends.
   */
  deferred: ReconcileDeferral[];
  /** Accounts and memberships checked, over all clusters. */
  checked: number;
}
