/* byline-oauth-sign-in.h
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

#include "byline-oauth-session.h"
#include "byline-xrpc-client.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_OAUTH_SIGN_IN (byline_oauth_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (BylineOAuthSignIn, byline_oauth_sign_in, BYLINE, OAUTH_SIGN_IN, GObject)

BylineOAuthSignIn  *byline_oauth_sign_in_new                (BylineXrpcClient    *resolver,
                                                             const char          *client_id);
gboolean            byline_oauth_sign_in_is_development     (BylineOAuthSignIn   *self);
gboolean            byline_oauth_sign_in_is_scope_fallback  (BylineOAuthSignIn   *self);
void                byline_oauth_sign_in_run_async          (BylineOAuthSignIn   *self,
                                                             const char          *identifier,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
BylineOAuthSession *byline_oauth_sign_in_run_finish         (BylineOAuthSignIn   *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
const char         *byline_oauth_default_client_id          (void);

G_END_DECLS
