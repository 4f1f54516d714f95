/* byline-oauth-flow.h
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

/**
 * BYLINE_OAUTH_SCOPE_GRANULAR:
 *
 * What Byline asks for: its standard.site records, blob uploads for images, and creating a
 * Bluesky post to announce an article.
 */
#define BYLINE_OAUTH_SCOPE_GRANULAR \
  "atproto repo:site.standard.document repo:site.standard.publication " \
  "repo:app.bsky.feed.post?action=create blob:*/*"

/**
 * BYLINE_OAUTH_SCOPE_TRANSITIONAL:
 *
 * The broad scope of servers that do not know the granular permissions yet.
 */
#define BYLINE_OAUTH_SCOPE_TRANSITIONAL "atproto transition:generic"

#define BYLINE_TYPE_OAUTH_FLOW (byline_oauth_flow_get_type ())

G_DECLARE_FINAL_TYPE (BylineOAuthFlow, byline_oauth_flow, BYLINE, OAUTH_FLOW, GObject)

BylineOAuthFlow    *byline_oauth_flow_new               (BylineXrpcClient     *resolver,
                                                         const char           *client_id);
char               *byline_oauth_flow_dup_client_id     (BylineOAuthFlow      *self);
const char         *byline_oauth_flow_get_scope         (BylineOAuthFlow      *self);
gboolean            byline_oauth_flow_is_scope_fallback (BylineOAuthFlow      *self);
const char         *byline_oauth_flow_get_issuer        (BylineOAuthFlow      *self);
void                byline_oauth_flow_start_async       (BylineOAuthFlow      *self,
                                                         const char           *identifier,
                                                         const char           *redirect_uri,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
char               *byline_oauth_flow_start_finish      (BylineOAuthFlow      *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                byline_oauth_flow_complete_async    (BylineOAuthFlow      *self,
                                                         GHashTable           *query,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
BylineOAuthSession *byline_oauth_flow_complete_finish   (BylineOAuthFlow      *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            byline_oauth_check_redirect_uri     (const char           *redirect_uri,
                                                         GError              **error);
gboolean            byline_oauth_check_server_metadata  (JsonObject           *metadata,
                                                         const char           *issuer,
                                                         GError              **error);
char               *byline_oauth_check_resource_metadata(JsonObject           *metadata,
                                                         const char           *pds,
                                                         GError              **error);

G_END_DECLS
