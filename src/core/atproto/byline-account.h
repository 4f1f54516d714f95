/* byline-account.h
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

#include "byline-xrpc-client.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_ACCOUNT (byline_account_get_type ())

G_DECLARE_FINAL_TYPE (BylineAccount, byline_account, BYLINE, ACCOUNT, GObject)

BylineAccount    *byline_account_new                 (const char           *did,
                                                      const char           *handle,
                                                      const char           *service);
const char       *byline_account_get_did             (BylineAccount        *self);
const char       *byline_account_get_handle          (BylineAccount        *self);
const char       *byline_account_get_service         (BylineAccount        *self);
BylineXrpcClient *byline_account_dup_client          (BylineAccount        *self);
BylineAccount    *byline_account_new_for_oauth_session (BylineOAuthSession *session);
gboolean          byline_account_uses_oauth          (BylineAccount        *self);
gboolean          byline_account_is_storing          (BylineAccount        *self);
const GError     *byline_account_get_keyring_error   (BylineAccount        *self);
void              byline_account_sign_in_async       (const char           *identifier,
                                                      const char           *app_password,
                                                      const char           *service,
                                                      const char           *plc_directory,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
BylineAccount    *byline_account_sign_in_finish      (GAsyncResult         *result,
                                                      GError              **error);
void              byline_account_resume_async        (BylineAccount        *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          byline_account_resume_finish       (BylineAccount        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void              byline_account_sign_out_async      (BylineAccount        *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          byline_account_sign_out_finish     (BylineAccount        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void              byline_account_list_async          (GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GListModel       *byline_account_list_finish         (GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
