/* byline-xrpc-client-private.h
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

#include <libsoup/soup.h>

#include "byline-oauth-session.h"
#include "byline-xrpc-client.h"

G_BEGIN_DECLS

/* Shared by the files that make up BylineXrpcClient, split by concern. */

struct _BylineXrpcClient
{
  GObject      parent_instance;

  /* Owned references */
  SoupSession *session;
  char        *service;
  char        *plc_directory;
  char        *did;
  char        *handle;
  char        *access_token;
  char        *refresh_token;
  /* With an OAuth session, requests carry its DPoP-bound token instead of access_token. */
  BylineOAuthSession *oauth;

  guint        timeout;
  /* The longest `ratelimit-reset` wait sat out before a call is repeated; longer waits fail
   * with BYLINE_XRPC_ERROR_RATE_LIMITED. */
  guint        max_rate_limit_wait;
};

/* Which of the session's tokens a request carries. */
typedef enum
{
  AUTH_NONE,
  AUTH_ACCESS,
  AUTH_REFRESH,
} Auth;

/* byline-xrpc-client.c */
char       *_byline_xrpc_strip_slash              (const char          *url);
gboolean    _byline_xrpc_client_has_access        (BylineXrpcClient    *self);

/* byline-xrpc-client-request.c; start_request takes @url and answers with the body of a 2xx
 * answer as GBytes, object_request_cb turns that into a JsonObject for the task it is given. */
char       *_byline_xrpc_build_url                (const char          *service,
                                                   const char          *nsid,
                                                   const char          *query);
JsonObject *_byline_xrpc_parse_object             (GBytes              *bytes,
                                                   GError             **error);
GBytes     *_byline_xrpc_object_to_bytes          (JsonObject          *object);
void        _byline_xrpc_client_start_request     (BylineXrpcClient    *self,
                                                   const char          *method,
                                                   char                *url,
                                                   const char          *nsid,
                                                   GBytes              *body,
                                                   const char          *content_type,
                                                   Auth                 auth,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
void        _byline_xrpc_client_object_request_cb (GObject             *object,
                                                   GAsyncResult        *result,
                                                   gpointer             user_data);

G_END_DECLS
