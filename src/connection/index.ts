/**
 * The connection as other features see it: what the key and the signed-in person may do. The Connect, Sign-in and
 * Sessions pages, the gate and the app bar's parts are the app's to place.
 */
export {
  ACTION_SCOPES,
  VIEWER_REASON,
  useIsTeamAdmin,
  useKeyOnServer,
  usePermission,
  usePermissions,
  useRole,
  type Permission,
  type PoolAction,
} from './permissions'
