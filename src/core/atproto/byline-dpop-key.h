/* byline-dpop-key.h
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

G_BEGIN_DECLS

#define BYLINE_TYPE_DPOP_KEY (byline_dpop_key_get_type ())

G_DECLARE_FINAL_TYPE (BylineDpopKey, byline_dpop_key, BYLINE, DPOP_KEY, GObject)

BylineDpopKey *byline_dpop_key_generate         (GError        **error);
BylineDpopKey *byline_dpop_key_new_from_pem     (const char     *pem,
                                                 GError        **error);
char          *byline_dpop_key_to_pem           (BylineDpopKey  *self,
                                                 GError        **error);
JsonObject    *byline_dpop_key_dup_public_jwk   (BylineDpopKey  *self);
char          *byline_dpop_key_sign_jwt         (BylineDpopKey  *self,
                                                 JsonObject     *header,
                                                 JsonObject     *payload,
                                                 GError        **error);
char          *byline_dpop_key_create_proof     (BylineDpopKey  *self,
                                                 const char     *method,
                                                 const char     *url,
                                                 const char     *nonce,
                                                 const char     *access_token,
                                                 GError        **error);

G_END_DECLS
