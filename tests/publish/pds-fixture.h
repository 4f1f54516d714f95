/* pds-fixture.h
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

#include "byline-xrpc-client.h"

#define WAIT_SECONDS 60

extern const char *setup_script;
extern GSubprocess *pds;
extern char *cache_dir;
extern char *work_dir;
extern char *pds_url;
extern char *plc_url;
extern char *did;
extern char *app_password;
extern BylineXrpcClient *client;

GAsyncResult *pds_wait_for             (GAsyncResult **slot);
void          pds_store_result_cb      (GObject       *object,
                                        GAsyncResult  *result,
                                        gpointer       user_data);
JsonObject   *pds_call                 (const char    *method,
                                        const char    *nsid,
                                        const char    *query,
                                        JsonObject    *input,
                                        GError       **error);
void          pds_start                (void);
void          pds_create_account       (void);
void          pds_stop                 (void);
void          pds_remove_tree          (const char    *path);
