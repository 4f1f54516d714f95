/* byline-publish-bar.h
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

#include <adwaita.h>

#include "byline-account.h"
#include "byline-document.h"
#include "byline-publish-job.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_PUBLISH_BAR (byline_publish_bar_get_type ())

G_DECLARE_FINAL_TYPE (BylinePublishBar, byline_publish_bar, BYLINE, PUBLISH_BAR, GtkWidget)

void              byline_publish_bar_set_document (BylinePublishBar   *self,
                                                   BylineDocument     *document);
BylinePublishJob *byline_publish_bar_publish      (BylinePublishBar   *self,
                                                   BylineDocument     *document,
                                                   BylineAccount      *account,
                                                   BylinePublishFlags  flags);

G_END_DECLS
