/* byline-cid.h
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

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BYLINE_CID_ERROR (byline_cid_error_quark ())

/**
 * BylineCidError:
 * @BYLINE_CID_ERROR_UNSUPPORTED: the value has no DAG-CBOR form (a float, a bad `$link`)
 *
 * Errors of [func@cid_for_record].
 */
typedef enum
{
  BYLINE_CID_ERROR_UNSUPPORTED,
} BylineCidError;

GQuark  byline_cid_error_quark      (void);
char   *byline_cid_for_blob         (const guint8  *data,
                                     gsize          length);
char   *byline_cid_for_record       (JsonNode      *record,
                                     GError       **error);
GBytes *byline_cid_encode_dag_cbor  (JsonNode      *value,
                                     GError       **error);

G_END_DECLS
