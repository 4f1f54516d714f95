/* byline-test-utils.h
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

#include "byline-application.h"
#include "byline-window.h"

G_BEGIN_DECLS

/* Helpers shared by the ui tests: they drive the real window as a writer would and wait on
 * the main loop, never on a clock. */

/* A generous limit turns a hang into a failure instead of blocking the suite. */
#define BYLINE_TEST_WAIT_LIMIT_SECONDS 60

typedef gboolean (*BylineTestCondition) (gpointer data);

BylineApplication *byline_test_app_start     (const char          *id);
int                byline_test_app_run       (void);

void       byline_test_wait_until            (BylineTestCondition  condition,
                                              gpointer             data,
                                              const char          *what);
void       byline_test_wait_for_idle         (void);
void       byline_test_run_for               (guint                milliseconds);
char      *byline_test_eval_js               (BylineWindow        *window,
                                              const char          *script);
void       byline_test_wait_for_preview_text (BylineWindow        *window,
                                              const char          *needle);
void       byline_test_type_text             (BylineWindow        *window,
                                              const char          *text);
void       byline_test_close_window          (BylineWindow        *window);
GtkWidget *byline_test_find_row              (GtkWidget           *widget,
                                              GType                type,
                                              const char          *title);
void       byline_test_save_screenshot       (GtkWidget           *window,
                                              const char          *name);
GtkWidget *byline_test_find_widget           (GtkWidget           *root,
                                              GType                type);
void       byline_test_wait_for_label        (GtkWidget           *root,
                                              const char          *needle);
void       byline_test_wait_for_js           (BylineWindow        *window,
                                              const char          *script,
                                              const char          *expected);
void       byline_test_wait_for_document     (BylineDocument      *document);
void       byline_test_open_file             (BylineWindow        *window,
                                              GFile               *file);
char      *byline_test_buffer_text           (GtkTextBuffer       *buffer);
gboolean   byline_test_can_press_keys        (GtkWidget           *widget);
void       byline_test_press_keys            (GtkWidget           *widget,
                                              guint                keyval,
                                              GdkModifierType      modifiers);
void       byline_test_file_chooser_go_to    (GtkWidget           *chooser,
                                              GFile               *folder);

G_END_DECLS
