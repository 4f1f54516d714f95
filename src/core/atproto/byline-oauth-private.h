/* byline-oauth-private.h
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

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "byline-dpop-key.h"
#include "byline-oauth-session.h"

G_BEGIN_DECLS

/* Shared by the sign-in flow and the session: HTTP to the authorization server. */

/* byline-oauth-request.c */
gboolean    _byline_oauth_check_url           (const char           *url,
                                               const char           *what,
                                               GError              **error);
char       *_byline_oauth_origin              (const char           *url);
void        _byline_oauth_get_json_async      (SoupSession          *session,
                                               const char           *url,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
JsonObject *_byline_oauth_get_json_finish     (GAsyncResult         *result,
                                               GError              **error);
void        _byline_oauth_post_async          (SoupSession          *session,
                                               BylineDpopKey        *key,
                                               GHashTable           *nonces,
                                               const char           *url,
                                               GHashTable           *form,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
JsonObject *_byline_oauth_post_finish         (GAsyncResult         *result,
                                               GError              **error);
SoupSession *_byline_oauth_http_new           (void);

/* byline-oauth-session.c */
BylineOAuthSession *_byline_oauth_session_new (SoupSession          *http,
                                               BylineDpopKey        *key,
                                               GHashTable           *nonces,
                                               JsonObject           *server_metadata,
                                               const char           *client_id,
                                               const char           *pds,
                                               const char           *handle);
void        _byline_oauth_session_set_pds  (BylineOAuthSession  *self,
                                                const char          *pds);
void        _byline_oauth_session_set_handle (BylineOAuthSession *self,
                                                const char          *handle);
gboolean    _byline_oauth_session_apply_tokens (BylineOAuthSession  *self,
                                                JsonObject          *tokens,
                                                const char          *expected_did,
                                                GError             **error);

G_END_DECLS
