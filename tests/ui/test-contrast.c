/* test-contrast.c
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
 * The text of the side panel and of the page's status line can be read: every label shown
 * there, secondary text included (counters, row titles, group descriptions, captions),
 * stands out from what is behind it by at least 4.5:1 (WCAG AA), in the light and the dark
 * style. Measured on a screenshot of the real window: in each label's area, the commonest
 * colour is the background and the pixel farthest from it the text's colour.
 */

#include "config.h"

#include <math.h>

#include "byline-application.h"
#include "byline-metadata-panel.h"
#include "byline-test-utils.h"
#include "byline-window.h"

#define MIN_CONTRAST 4.5

static BylineApplication *app;

typedef struct
{
  guchar *pixels;
  gsize   stride;
  int     width;
  int     height;
} Shot;

static gboolean
preview_updated (gpointer data)
{
  return byline_preview_get_n_updates (byline_page_get_preview (byline_window_get_page (data))) > 0;
}

static gboolean
ticked (gpointer data)
{
  return *(guint *)data >= 3;
}

static gboolean
count_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  (*(guint *)data)++;

  return G_SOURCE_CONTINUE;
}

/* A new style is drawn from the next frames on. */
static void
wait_for_frames (GtkWidget *widget)
{
  guint n = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_tick_cb, &n, NULL);

  gtk_widget_queue_draw (widget);
  byline_test_wait_until (ticked, &n, "the window to draw a few frames");
  gtk_widget_remove_tick_callback (widget, id);
}

static void
take_shot (GtkWidget *window,
           Shot      *shot)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTextureDownloader) downloader = NULL;
  g_autoptr(GBytes) bytes = NULL;

  shot->width = gtk_widget_get_width (window);
  shot->height = gtk_widget_get_height (window);
  gdk_paintable_snapshot (paintable, snapshot, shot->width, shot->height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, shot->width, shot->height));
  downloader = gdk_texture_downloader_new (texture);
  gdk_texture_downloader_set_format (downloader, GDK_MEMORY_R8G8B8);
  bytes = gdk_texture_downloader_download_bytes (downloader, &shot->stride);
  shot->pixels = g_bytes_unref_to_data (g_steal_pointer (&bytes), &(gsize) { 0 });
}

static double
channel (guchar value)
{
  double c = value / 255.0;

  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG's relative luminance of an sRGB colour. */
static double
luminance (const guchar *rgb)
{
  return 0.2126 * channel (rgb[0]) + 0.7152 * channel (rgb[1]) + 0.0722 * channel (rgb[2]);
}

static double
contrast (const guchar *a,
          const guchar *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* The contrast of the text in @rect: the commonest colour is the background (text covers
 * little of its box), the pixel that differs most from it is the text at full ink. */
static double
measure (const Shot                  *shot,
         const cairo_rectangle_int_t *rect,
         guchar                       background[3])
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint best = 0, key = 0;
  double most = 1.0;

  for (int y = rect->y; y < rect->y + rect->height; y++)
    for (int x = rect->x; x < rect->x + rect->width; x++)
      {
        const guchar *p = shot->pixels + y * shot->stride + x * 3;
        guint k = 1 + (p[0] << 16 | p[1] << 8 | p[2]);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (k))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (k), GUINT_TO_POINTER (n));
        if (n > best)
          best = n, key = k - 1;
      }

  background[0] = key >> 16;
  background[1] = (key >> 8) & 0xff;
  background[2] = key & 0xff;

  for (int y = rect->y; y < rect->y + rect->height; y++)
    for (int x = rect->x; x < rect->x + rect->width; x++)
      most = MAX (most, contrast (shot->pixels + y * shot->stride + x * 3, background));

  return most;
}

/* The line under the editor and the preview (words, characters, reading time). */
static GtkWidget *
find_status_line (GtkWidget *widget)
{
  if (GTK_IS_PANED (widget))
    return NULL;

  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "caption") &&
      gtk_widget_has_css_class (widget, "numeric"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status_line (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_text (gpointer data)
{
  return data != NULL && *gtk_label_get_text (GTK_LABEL (data)) != '\0';
}

/* Labels shown in full, in the window's coordinates. */
static void
check_labels (GtkWidget  *widget,
              GtkWidget  *window,
              const Shot *shot,
              const char *style,
              GString    *problems,
              guint      *n_checked)
{
  if (!gtk_widget_is_drawable (widget))
    return;

  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      graphene_rect_t bounds, visible;
      GtkWidget *viewport = gtk_widget_get_ancestor (widget, GTK_TYPE_VIEWPORT);
      cairo_rectangle_int_t rect;
      guchar background[3];
      double ratio;

      /* Scrolled out of sight, or cut by the viewport: nothing to read there. */
      if (!gtk_widget_compute_bounds (widget, window, &bounds))
        return;
      if (viewport != NULL && gtk_widget_compute_bounds (viewport, window, &visible) &&
          !graphene_rect_contains_rect (&visible, &bounds))
        return;

      rect.x = ceil (bounds.origin.x);
      rect.y = ceil (bounds.origin.y);
      rect.width = MIN ((int) floor (bounds.origin.x + bounds.size.width), shot->width) - rect.x;
      rect.height = MIN ((int) floor (bounds.origin.y + bounds.size.height), shot->height) - rect.y;
      if (rect.width < 4 || rect.height < 4 || rect.x < 0 || rect.y < 0)
        return;

      ratio = measure (shot, &rect, background);
      (*n_checked)++;
      g_test_message ("%s: %.2f:1 for \"%s\" on #%02x%02x%02x", style, ratio,
                      gtk_label_get_text (GTK_LABEL (widget)),
                      background[0], background[1], background[2]);
      if (ratio < MIN_CONTRAST)
        {
          g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
          g_autofree char *joined = g_strjoinv (".", classes);

          g_string_append_printf (problems, "  %s: \"%s\" (.%s) at %.2f:1\n", style,
                                  gtk_label_get_text (GTK_LABEL (widget)), joined, ratio);
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_labels (child, window, shot, style, problems, n_checked);
}

static void
test_secondary_text (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  AdwStyleManager *styles = adw_style_manager_get_default ();
  g_autoptr(GString) problems = g_string_new (NULL);
  BylinePage *page = byline_window_get_page (window);
  const struct {
    AdwColorScheme scheme;
    const char    *name;
  } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (byline_page_get_document (page)),
                            "---\ntitle: Readable\ndescription: Text that stands out\n"
                            "site: https://example.com\npath: /posts/readable\n"
                            "tags:\n  - one\n  - two\npublishedAt: 2026-11-28T09:00:00.000Z\n"
                            "---\n\nBody text.\n", -1);
  g_action_group_change_action_state (G_ACTION_GROUP (window), "toggle-side-panel",
                                      g_variant_new_boolean (TRUE));
  byline_test_wait_until (preview_updated, window, "the preview to render");
  g_assert_nonnull (find_status_line (GTK_WIDGET (page)));
  byline_test_wait_until (has_text, find_status_line (GTK_WIDGET (page)),
                          "the status line to count the words");

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      GtkWidget *panel = byline_test_find_widget (GTK_WIDGET (window), BYLINE_TYPE_METADATA_PANEL);
      GtkWidget *status = find_status_line (GTK_WIDGET (page));
      g_autofree char *name = g_strdup_printf ("contrast-%s.png", schemes[i].name);
      Shot shot = { 0 };
      guint n_checked = 0;

      adw_style_manager_set_color_scheme (styles, schemes[i].scheme);
      g_assert_true (adw_style_manager_get_dark (styles) == (i == 1));
      wait_for_frames (GTK_WIDGET (window));
      byline_test_save_screenshot (GTK_WIDGET (window), name);

      take_shot (GTK_WIDGET (window), &shot);
      g_assert_nonnull (panel);
      check_labels (panel, GTK_WIDGET (window), &shot, schemes[i].name, problems, &n_checked);
      /* The side panel's fields, their titles, counters and captions. */
      g_assert_cmpuint (n_checked, >=, 12);

      /* The page's status line. */
      n_checked = 0;
      check_labels (status, GTK_WIDGET (window), &shot, schemes[i].name, problems, &n_checked);
      g_assert_cmpuint (n_checked, ==, 1);
      g_free (shot.pixels);
    }

  adw_style_manager_set_color_scheme (styles, ADW_COLOR_SCHEME_DEFAULT);
  if (problems->len > 0)
    g_error ("Text that does not stand out from its background by %.1f:1:\n%s", MIN_CONTRAST,
             problems->str);

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (byline_page_get_document (page)), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  app = byline_test_app_start ("io.github.byline.Byline.ContrastTests");

  g_test_add_func ("/Byline/Contrast/secondary-text", test_secondary_text);

  return byline_test_app_run ();
}
