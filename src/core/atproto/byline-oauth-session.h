/* byline-oauth-session.h
 *
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "byline-dpop-key.h"

G_BEGIN_DECLS

#define BYLINE_OAUTH_ERROR (byline_oauth_error_quark ())

/**
 * BylineOAuthError:
 * @BYLINE_OAUTH_ERROR_FAILED: any other failure; the message says what
 * @BYLINE_OAUTH_ERROR_INVALID_METADATA: a server's metadata is missing something the AT
 *   Protocol requires, or is not served over HTTPS
 * @BYLINE_OAUTH_ERROR_ISSUER_MISMATCH: an `iss` differs from the authorization server's
 * @BYLINE_OAUTH_ERROR_SUBJECT_MISMATCH: the tokens are for another account than the one asked
 * @BYLINE_OAUTH_ERROR_SCOPE: the scope granted lacks `atproto`, or the server refused the scope
 * @BYLINE_OAUTH_ERROR_STATE_MISMATCH: the redirect does not answer this sign-in
 * @BYLINE_OAUTH_ERROR_NOT_LOOPBACK: the redirect address is not a loopback address
 * @BYLINE_OAUTH_ERROR_DENIED: the writer or the server refused the sign-in
 * @BYLINE_OAUTH_ERROR_NONCE: the server asked for a DPoP nonce without giving one
 * @BYLINE_OAUTH_ERROR_SESSION_EXPIRED: the session is no longer valid; sign in again
 * @BYLINE_OAUTH_ERROR_INVALID_RESPONSE: a server's answer is not what OAuth promises
 *
 * Errors of AT Protocol OAuth sign-in and sessions.
 */
typedef enum
{
  BYLINE_OAUTH_ERROR_FAILED,
  BYLINE_OAUTH_ERROR_INVALID_METADATA,
  BYLINE_OAUTH_ERROR_ISSUER_MISMATCH,
  BYLINE_OAUTH_ERROR_SUBJECT_MISMATCH,
  BYLINE_OAUTH_ERROR_SCOPE,
  BYLINE_OAUTH_ERROR_STATE_MISMATCH,
  BYLINE_OAUTH_ERROR_NOT_LOOPBACK,
  BYLINE_OAUTH_ERROR_DENIED,
  BYLINE_OAUTH_ERROR_NONCE,
  BYLINE_OAUTH_ERROR_SESSION_EXPIRED,
  BYLINE_OAUTH_ERROR_INVALID_RESPONSE,
} BylineOAuthError;

#define BYLINE_TYPE_OAUTH_SESSION (byline_oauth_session_get_type ())

G_DECLARE_FINAL_TYPE (BylineOAuthSession, byline_oauth_session, BYLINE, OAUTH_SESSION, GObject)

GQuark              byline_oauth_error_quark                (void);

BylineOAuthSession *byline_oauth_session_new_from_json      (const char          *json,
                                                             GError             **error);
char               *byline_oauth_session_to_json            (BylineOAuthSession  *self,
                                                             GError             **error);
const char         *byline_oauth_session_get_did            (BylineOAuthSession  *self);
const char         *byline_oauth_session_get_handle         (BylineOAuthSession  *self);
const char         *byline_oauth_session_get_pds            (BylineOAuthSession  *self);
const char         *byline_oauth_session_get_issuer         (BylineOAuthSession  *self);
const char         *byline_oauth_session_get_scope          (BylineOAuthSession  *self);
const char         *byline_oauth_session_get_access_token   (BylineOAuthSession  *self);
gint64              byline_oauth_session_get_expires_at     (BylineOAuthSession  *self);
gboolean            byline_oauth_session_is_expiring        (BylineOAuthSession  *self);
const char         *byline_oauth_session_get_nonce          (BylineOAuthSession  *self,
                                                             const char          *url);
gboolean            byline_oauth_session_authorize_message  (BylineOAuthSession  *self,
                                                             SoupMessage         *msg,
                                                             GError             **error);
gboolean            byline_oauth_session_take_nonce         (BylineOAuthSession  *self,
                                                             SoupMessage         *msg);
void                byline_oauth_session_refresh_async      (BylineOAuthSession  *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            byline_oauth_session_refresh_finish     (BylineOAuthSession  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void                byline_oauth_session_revoke_async       (BylineOAuthSession  *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            byline_oauth_session_revoke_finish      (BylineOAuthSession  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
gboolean            byline_oauth_scope_contains             (const char          *scope,
                                                             const char          *wanted);

G_END_DECLS
