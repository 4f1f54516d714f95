/* byline-compare-dialog.h
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

G_BEGIN_DECLS

#define BYLINE_TYPE_COMPARE_DIALOG (byline_compare_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BylineCompareDialog, byline_compare_dialog, BYLINE, COMPARE_DIALOG, AdwDialog)

AdwDialog *byline_compare_dialog_new             (BylineDocument      *document,
                                                  BylineAccount       *account);
gboolean   byline_compare_dialog_get_loaded      (BylineCompareDialog *self);
guint      byline_compare_dialog_get_n_changes   (BylineCompareDialog *self);
int        byline_compare_dialog_get_current     (BylineCompareDialog *self);
guint      byline_compare_dialog_get_n_fields    (BylineCompareDialog *self);

G_END_DECLS
