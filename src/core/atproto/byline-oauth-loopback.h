/* byline-oauth-loopback.h
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

G_BEGIN_DECLS

#define BYLINE_TYPE_OAUTH_LOOPBACK (byline_oauth_loopback_get_type ())

G_DECLARE_FINAL_TYPE (BylineOAuthLoopback, byline_oauth_loopback, BYLINE, OAUTH_LOOPBACK, GObject)

BylineOAuthLoopback *byline_oauth_loopback_new              (GError              **error);
const char          *byline_oauth_loopback_get_redirect_uri (BylineOAuthLoopback  *self);
void                 byline_oauth_loopback_wait_async       (BylineOAuthLoopback  *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GHashTable          *byline_oauth_loopback_wait_finish      (BylineOAuthLoopback  *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                 byline_oauth_loopback_close            (BylineOAuthLoopback  *self);

G_END_DECLS
