/* byline-xrpc-client.h
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
#include <json-glib/json-glib.h>

#include "byline-oauth-session.h"

G_BEGIN_DECLS

#define BYLINE_XRPC_ERROR (byline_xrpc_error_quark ())

/**
 * BylineXrpcError:
 * @BYLINE_XRPC_ERROR_FAILED: any other failure; the message holds the server's words
 * @BYLINE_XRPC_ERROR_AUTHENTICATION: wrong identifier or app password
 * @BYLINE_XRPC_ERROR_UNKNOWN_HANDLE: the handle or DID does not resolve
 * @BYLINE_XRPC_ERROR_UNREACHABLE: the server cannot be reached
 * @BYLINE_XRPC_ERROR_TIMEOUT: the server did not answer in time
 * @BYLINE_XRPC_ERROR_RATE_LIMITED: too many requests; the message says when to try again
 * @BYLINE_XRPC_ERROR_EXPIRED_TOKEN: the session expired and could not be renewed
 * @BYLINE_XRPC_ERROR_INVALID_SWAP: the record changed on the server since it was last seen
 * @BYLINE_XRPC_ERROR_RECORD_REJECTED: the server refused the record; the message says why
 * @BYLINE_XRPC_ERROR_NOT_FOUND: no such record
 * @BYLINE_XRPC_ERROR_BLOB_TOO_LARGE: the file is larger than the server accepts
 * @BYLINE_XRPC_ERROR_INVALID_RESPONSE: the server's answer is not what XRPC promises
 * @BYLINE_XRPC_ERROR_NOT_SIGNED_IN: the call needs a session and there is none
 * @BYLINE_XRPC_ERROR_SCOPE_MISSING: the OAuth session was not granted the permission the
 *   call needs; the message names it
 *
 * Errors of [class@XrpcClient].
 */
typedef enum
{
  BYLINE_XRPC_ERROR_FAILED,
  BYLINE_XRPC_ERROR_AUTHENTICATION,
  BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
  BYLINE_XRPC_ERROR_UNREACHABLE,
  BYLINE_XRPC_ERROR_TIMEOUT,
  BYLINE_XRPC_ERROR_RATE_LIMITED,
  BYLINE_XRPC_ERROR_EXPIRED_TOKEN,
  BYLINE_XRPC_ERROR_INVALID_SWAP,
  BYLINE_XRPC_ERROR_RECORD_REJECTED,
  BYLINE_XRPC_ERROR_NOT_FOUND,
  BYLINE_XRPC_ERROR_BLOB_TOO_LARGE,
  BYLINE_XRPC_ERROR_INVALID_RESPONSE,
  BYLINE_XRPC_ERROR_NOT_SIGNED_IN,
  BYLINE_XRPC_ERROR_SCOPE_MISSING,
} BylineXrpcError;

#define BYLINE_TYPE_XRPC_CLIENT (byline_xrpc_client_get_type ())

G_DECLARE_FINAL_TYPE (BylineXrpcClient, byline_xrpc_client, BYLINE, XRPC_CLIENT, GObject)

GQuark            byline_xrpc_error_quark                 (void);

BylineXrpcClient *byline_xrpc_client_new                  (const char           *service);
const char       *byline_xrpc_client_get_service          (BylineXrpcClient     *self);
void              byline_xrpc_client_set_service          (BylineXrpcClient     *self,
                                                           const char           *service);
const char       *byline_xrpc_client_get_plc_directory    (BylineXrpcClient     *self);
void              byline_xrpc_client_set_plc_directory    (BylineXrpcClient     *self,
                                                           const char           *url);
guint             byline_xrpc_client_get_timeout          (BylineXrpcClient     *self);
void              byline_xrpc_client_set_timeout          (BylineXrpcClient     *self,
                                                           guint                 seconds);
const char       *byline_xrpc_client_get_did              (BylineXrpcClient     *self);
const char       *byline_xrpc_client_get_handle           (BylineXrpcClient     *self);
const char       *byline_xrpc_client_get_refresh_token    (BylineXrpcClient     *self);
void              byline_xrpc_client_set_session          (BylineXrpcClient     *self,
                                                           const char           *did,
                                                           const char           *handle,
                                                           const char           *access_token,
                                                           const char           *refresh_token);
gboolean          byline_xrpc_client_is_signed_in         (BylineXrpcClient     *self);
void              byline_xrpc_client_set_oauth_session    (BylineXrpcClient     *self,
                                                           BylineOAuthSession   *session);
BylineOAuthSession *byline_xrpc_client_get_oauth_session  (BylineXrpcClient     *self);

void              byline_xrpc_client_call_async           (BylineXrpcClient     *self,
                                                           const char           *method,
                                                           const char           *nsid,
                                                           const char           *query,
                                                           GBytes               *body,
                                                           const char           *content_type,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
JsonObject       *byline_xrpc_client_call_finish          (BylineXrpcClient     *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

void              byline_xrpc_client_create_session_async (BylineXrpcClient     *self,
                                                           const char           *identifier,
                                                           const char           *password,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean          byline_xrpc_client_create_session_finish(BylineXrpcClient     *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void              byline_xrpc_client_refresh_session_async(BylineXrpcClient     *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean          byline_xrpc_client_refresh_session_finish
                                                          (BylineXrpcClient     *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void              byline_xrpc_client_resolve_handle_async (BylineXrpcClient     *self,
                                                           const char           *handle,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
char             *byline_xrpc_client_resolve_handle_finish(BylineXrpcClient     *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void              byline_xrpc_client_resolve_did_async    (BylineXrpcClient     *self,
                                                           const char           *did,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
JsonObject       *byline_xrpc_client_resolve_did_finish   (BylineXrpcClient     *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
char             *byline_xrpc_did_document_get_pds        (JsonObject           *did_document);
void              byline_xrpc_client_lookup_profile_async (BylineXrpcClient     *self,
                                                           const char           *handle,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean          byline_xrpc_client_lookup_profile_finish(BylineXrpcClient     *self,
                                                           GAsyncResult         *result,
                                                           char                **did,
                                                           char                **display_name,
                                                           GError              **error);
void              byline_xrpc_client_upload_blob_async    (BylineXrpcClient     *self,
                                                           GBytes               *data,
                                                           const char           *mime_type,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
JsonObject       *byline_xrpc_client_upload_blob_finish   (BylineXrpcClient     *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void              byline_xrpc_client_put_record_async     (BylineXrpcClient     *self,
                                                           const char           *collection,
                                                           const char           *rkey,
                                                           JsonObject           *record,
                                                           const char           *swap_record,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void              byline_xrpc_client_create_record_async  (BylineXrpcClient     *self,
                                                           const char           *collection,
                                                           JsonObject           *record,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void              byline_xrpc_client_delete_record_async  (BylineXrpcClient     *self,
                                                           const char           *collection,
                                                           const char           *rkey,
                                                           const char           *swap_record,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void              byline_xrpc_client_get_record_async     (BylineXrpcClient     *self,
                                                           const char           *repo,
                                                           const char           *collection,
                                                           const char           *rkey,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void              byline_xrpc_client_list_records_async   (BylineXrpcClient     *self,
                                                           const char           *repo,
                                                           const char           *collection,
                                                           const char           *cursor,
                                                           guint                 limit,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void              byline_xrpc_client_get_blob_async       (BylineXrpcClient     *self,
                                                           const char           *did,
                                                           const char           *cid,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
GBytes           *byline_xrpc_client_get_blob_finish      (BylineXrpcClient     *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

char             *byline_xrpc_format_at_uri               (const char           *did,
                                                           const char           *collection,
                                                           const char           *rkey);
gboolean          byline_xrpc_parse_at_uri                (const char           *uri,
                                                           char                **did,
                                                           char                **collection,
                                                           char                **rkey);
GError           *byline_xrpc_error_from_response         (guint                 status,
                                                           const char           *nsid,
                                                           JsonObject           *body,
                                                           const char           *ratelimit_reset);

G_END_DECLS
