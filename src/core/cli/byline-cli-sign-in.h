/* byline-cli-sign-in.h
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

#include <glib.h>

#include "byline-account.h"
#include "byline-xrpc-client.h"

G_BEGIN_DECLS

int            byline_cli_sign_in             (const char  *identifier);
int            byline_cli_sign_out            (const char  *identifier);
BylineAccount *byline_cli_find_oauth_account  (const char  *identifier,
                                               gboolean     resume,
                                               GError     **error);
void           byline_cli_wait_for_keyring    (BylineAccount *account);

/* The signed-in client of a network command; clearing it waits until a renewed OAuth session
 * is kept in the keyring. */
typedef struct
{
  BylineXrpcClient *client;
  BylineAccount    *oauth_account;
} BylineCliClient;

int            byline_cli_open_client         (const char      *repo,
                                               const char      *missing,
                                               BylineCliClient *out);
void           byline_cli_client_clear        (BylineCliClient *self);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BylineCliClient, byline_cli_client_clear)

G_END_DECLS
