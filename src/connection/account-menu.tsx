import Divider from '@mui/material/Divider'
import ListSubheader from '@mui/material/ListSubheader'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import { useId } from 'react'
import { Link as RouterLink } from 'react-router'

interface AccountMenuProps {
  anchor: HTMLElement
  id: string
  who: string
  email: string | undefined
  admin: boolean
  onClose: () => void
}

/** The account menu's list, loaded when first opened: a menu's code would weigh on every first screen. */
export default function AccountMenu({ anchor, id, who, email, admin, onClose }: AccountMenuProps) {
  const signOutId = useId()
  const everywhereId = useId()
  return (
    <>
      <Menu id={id} anchorEl={anchor} open onClose={onClose}>
        <ListSubheader sx={{ lineHeight: 2.5, overflowWrap: 'anywhere' }}>
          Signed in as {who}
          {email && ` (${email})`}
        </ListSubheader>
        {admin && (
          <MenuItem component={RouterLink} to="/sessions" onClick={onClose}>
            Sessions
          </MenuItem>
        )}
        <Divider />
        {/* Buttons of the forms below: signing out is a POST the server checks is from this site. */}
        <MenuItem component="button" type="submit" form={signOutId} sx={{ width: '100%' }}>
          Sign out
        </MenuItem>
        <MenuItem component="button" type="submit" form={everywhereId} sx={{ width: '100%' }}>
          Sign out everywhere
        </MenuItem>
      </Menu>
      <form id={signOutId} method="post" action="/auth/logout" hidden />
      <form id={everywhereId} method="post" action="/auth/logout-everywhere" hidden />
    </>
  )
}
