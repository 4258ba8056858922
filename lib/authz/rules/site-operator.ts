/**
 * Who may change the settings of the whole console (webhook target policy, …) and read any
 * namespace's audit log: the site operators (users.is_admin). Pages show the operator's links and
 * pages by this rule; the services behind them check it again.
 */
export function isSiteOperator(who: { isAdmin?: boolean } | null | undefined): boolean {
  // An anonymous actor has no isAdmin: not an operator.
  return who?.isAdmin === true;
}
