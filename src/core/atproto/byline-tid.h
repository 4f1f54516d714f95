/* byline-tid.h
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

G_BEGIN_DECLS

/* The length of a TID: 13 characters of base32-sortable. */
#define BYLINE_TID_LENGTH 13

char     *byline_tid_next          (void);
char     *byline_tid_from_parts    (gint64      timestamp_us,
                                    guint       clock_id);
gboolean  byline_tid_is_valid      (const char *tid);
gint64    byline_tid_get_timestamp (const char *tid);

G_END_DECLS
