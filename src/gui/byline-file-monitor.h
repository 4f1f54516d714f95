/* byline-file-monitor.h
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

#include "byline-document.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_FILE_MONITOR (byline_file_monitor_get_type ())

G_DECLARE_FINAL_TYPE (BylineFileMonitor, byline_file_monitor, BYLINE, FILE_MONITOR, GObject)

BylineFileMonitor *byline_file_monitor_new                (BylineDocument      *document);
gboolean           byline_file_monitor_get_changed_on_disk (BylineFileMonitor   *self);
gboolean           byline_file_monitor_get_watching       (BylineFileMonitor   *self);
void               byline_file_monitor_keep_mine          (BylineFileMonitor   *self);
void               byline_file_monitor_reload_async       (BylineFileMonitor   *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           byline_file_monitor_reload_finish      (BylineFileMonitor   *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
