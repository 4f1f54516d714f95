/* byline-screenshot.c
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

/*
 * Takes a screenshot of Byline for the AppStream metadata and for `build-aux/dev run` without
 * a display: opens ARTICLE in the real window, waits until the preview shows it, saves a PNG of
 * the window and quits.
 *
 *   byline-screenshot OUTPUT.png ARTICLE.md
 *
 * BYLINE_SCREENSHOT_SIZE=WIDTHxHEIGHT sets the window's size (default 1280x800). A development
 * tool, kept out of the shipped program; build-aux/screenshots and build-aux/dev-inner run it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "byline-application.h"
#include "byline-window.h"

typedef struct
{
  const char   *output_path;
  BylineWindow *window;
  gboolean      saved;
} Shot;

static gboolean
take_screenshot_cb (gpointer data)
{
  Shot *shot = data;
  GtkWidget *widget = GTK_WIDGET (shot->window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  if (node != NULL &&
      (texture = gsk_renderer_render_texture (renderer, node,
                                              &GRAPHENE_RECT_INIT (0, 0, width, height))) &&
      gdk_texture_save_to_png (texture, shot->output_path))
    {
      shot->saved = TRUE;
      g_print ("%s\n", shot->output_path);
    }
  else
    g_printerr ("Could not write the screenshot to %s\n", shot->output_path);

  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (widget))));

  return G_SOURCE_REMOVE;
}

static gboolean
screenshot_poll_cb (gpointer data)
{
  Shot *shot = data;
  BylinePage *page = byline_window_get_page (shot->window);
  BylinePreview *preview = byline_page_get_preview (page);

  /* The article is rendered; a preview in view also shows it (one out of view, in a narrow
   * window or the editor-only layout, is not updated). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (shot->window)) ||
      byline_page_get_render_result (page) == NULL ||
      (gtk_widget_get_mapped (GTK_WIDGET (preview)) && byline_preview_get_n_updates (preview) == 0))
    return G_SOURCE_CONTINUE;

  /* Let WebKit lay out and paint the page before the window is drawn. */
  g_timeout_add (1500, take_screenshot_cb, shot);

  return G_SOURCE_REMOVE;
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Shot           *shot)
{
  const char *size = g_getenv ("BYLINE_SCREENSHOT_SIZE");
  int width = 1280;
  int height = 800;

  if (shot->window != NULL || !BYLINE_IS_WINDOW (window))
    return;

  shot->window = BYLINE_WINDOW (window);
  if (size == NULL || sscanf (size, "%dx%d", &width, &height) != 2)
    width = 1280, height = 800;
  gtk_window_set_default_size (window, width, height);
  g_timeout_add (100, screenshot_poll_cb, shot);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BylineApplication) app = NULL;
  Shot shot = { NULL, NULL, FALSE };
  char *app_argv[3];

  if (argc != 3)
    {
      g_printerr ("usage: %s OUTPUT.png ARTICLE.md\n", argv[0]);
      return 2;
    }
  shot.output_path = argv[1];

  /* As Byline's main() does. */
  byline_application_prepare_process ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (PACKAGE_NAME);

  /* Its own instance, even beside a running Byline; opened on a file, so no session is
   * restored. */
  app = byline_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &shot);

  app_argv[0] = argv[0];
  app_argv[1] = argv[2];
  app_argv[2] = NULL;
  g_application_run (G_APPLICATION (app), 2, app_argv);

  return shot.saved ? EXIT_SUCCESS : EXIT_FAILURE;
}
