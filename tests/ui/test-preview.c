/* test-preview.c
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
 * The live preview in the real window: what it loads from the network, where links go, how it
 * follows the cursor, the layouts, and images beside the article. Runs under Xvfb and a private
 * session bus.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "byline-application.h"
#include "byline-test-utils.h"
#include "byline-split.h"
#include "byline-window.h"

static BylineApplication *app;

static WebKitWebView *
web_view_of (BylineWindow *window)
{
  return byline_preview_get_web_view (byline_page_get_preview (byline_window_get_page (window)));
}

static void
wait_for_preview_text (BylineWindow *window,
                       const char   *needle)
{
  g_autofree char *script = g_strdup_printf (
    "String((document.getElementById('byline-article') || {innerText: ''})"
    ".innerText.includes('%s'))", needle);

  byline_test_wait_for_js (window, script, "true");
}

static BylineWindow *
new_window (int width,
            int height)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  /* New Article leaves the empty state for the editor and the preview. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-document", NULL));

  return window;
}

/* A one-pixel PNG. */
static GBytes *
make_png (int width,
          int height)
{
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *data = g_malloc0 (width * height * 4);

  for (int i = 0; i < width * height; i++)
    {
      data[i * 4] = 0x35;
      data[i * 4 + 1] = 0x84;
      data[i * 4 + 2] = 0xe4;
      data[i * 4 + 3] = 0xff;
    }
  pixels = g_bytes_new (data, width * height * 4);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, pixels, width * 4);

  return gdk_texture_save_to_png_bytes (texture);
}

typedef struct
{
  GBytes *png;
  guint   requests;
} ImageServer;

static void
image_handler (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  ImageServer *image_server = user_data;

  image_server->requests++;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (image_server->png, NULL),
                                    g_bytes_get_size (image_server->png));
}

static gboolean
image_requested (gpointer data)
{
  return ((ImageServer *)data)->requests > 0;
}

static void
test_remote_images_need_permission (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *placeholders = NULL;
  ImageServer image_server = { make_png (3, 2), 0 };
  GSList *uris;
  BylineWindow *window;
  guint port;

  g_assert_false (g_settings_get_boolean (settings, "allow-remote-images"));

  soup_server_add_handler (server, "/remote.png", image_handler, &image_server, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  window = new_window (1200, 800);
  markdown = g_strdup_printf ("Before the image.\n\n"
                              "![a remote picture](http://127.0.0.1:%u/remote.png)\n\n"
                              "<img src=\"http://127.0.0.1:%u/remote.png\" alt=\"raw\">\n\n"
                              "After the image.\n", port, port);
  byline_test_type_text (window, markdown);
  wait_for_preview_text (window, "After the image.");

  /* The picture shows as a placeholder and the server hears nothing. */
  placeholders = byline_test_eval_js (window, "String(document.querySelectorAll('.remote-placeholder').length)");
  g_assert_cmpstr (placeholders, ==, "2");
  /* Something that must not happen: a request would reach the server from WebKit's network
   * process, in no order with anything the page reports, so no later event proves there was
   * none. A second of quiet gives it every chance. */
  byline_test_run_for (1000);
  g_assert_cmpuint (image_server.requests, ==, 0);

  /* Once the writer allows remote images, the preview fetches it. */
  g_settings_set_boolean (settings, "allow-remote-images", TRUE);
  g_assert_true (byline_preview_get_allow_remote_images (
    byline_page_get_preview (byline_window_get_page (window))));
  byline_test_wait_until (image_requested, &image_server, "the remote image to be requested");
  byline_test_wait_for_js (window, "String(document.querySelector('#byline-article img').naturalWidth)", "3");

  g_settings_reset (settings, "allow-remote-images");
  byline_test_close_window (window);
  g_bytes_unref (image_server.png);
}

/* Waits until the page has run everything sent to it so far, and the main loop what its
 * answers called for: scripts run in the order they are sent. */
static void
wait_for_page (BylineWindow *window)
{
  g_free (byline_test_eval_js (window, "''"));
  byline_test_wait_for_idle ();
}

static gboolean
link_opened (gpointer data)
{
  return ((GPtrArray *)data)->len > 0;
}

static void
open_link_cb (BylinePreview *preview,
              const char    *uri,
              GPtrArray     *opened)
{
  g_ptr_array_add (opened, g_strdup (uri));
  /* Stands in for the desktop's handler: nothing is launched from a test. */
  g_signal_stop_emission_by_name (preview, "open-link");
}

static void
test_links_do_not_navigate (void)
{
  BylineWindow *window = new_window (1200, 800);
  WebKitWebView *web_view = web_view_of (window);
  g_autoptr(GPtrArray) opened = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = NULL;
  g_autofree char *clicked = NULL;

  g_signal_connect (byline_page_get_preview (byline_window_get_page (window)), "open-link",
                    G_CALLBACK (open_link_cb), opened);
  byline_test_type_text (window, "A [link to elsewhere](https://example.com/elsewhere) in the text.\n\n"
                     "<a href=\"file:///etc/passwd\">raw link</a>\n");
  wait_for_preview_text (window, "raw link");
  before = g_strdup (webkit_web_view_get_uri (web_view));

  clicked = byline_test_eval_js (window, "document.querySelectorAll('#byline-article a')"
                             ".forEach(a => a.click()); 'clicked'");
  g_assert_cmpstr (clicked, ==, "clicked");
  /* The web link reaches the browser; the page answers a script sent after that only once
   * it has dealt with every click, navigation included. */
  byline_test_wait_until (link_opened, opened, "the web link to be opened");
  wait_for_page (window);

  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, before);
  wait_for_preview_text (window, "link to elsewhere");
  /* The web link goes to the browser instead. */
  g_assert_cmpuint (opened->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (opened, 0), ==, "https://example.com/elsewhere");
  g_signal_handlers_disconnect_by_func (byline_page_get_preview (byline_window_get_page (window)),
                                        open_link_cb, opened);

  byline_test_close_window (window);
}

static gboolean
find_label (GtkWidget  *widget,
            const char *needle)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, needle))
      return TRUE;

  return FALSE;
}

typedef struct
{
  GtkWidget  *window;
  const char *needle;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return find_label (wait->window, wait->needle);
}

/* Web and email links leave the preview for their applications; a link to a file on this
 * computer, written as a URI or relative to the article, is refused with a toast saying why. */
static void
test_file_links_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "links.md", NULL);
  g_autofree char *beside = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) opened = g_ptr_array_new_with_free_func (g_free);
  BylineWindow *window;
  BylinePreview *preview;
  LabelWait toast;
  g_autofree char *clicked = NULL;

  g_assert_true (g_file_set_contents (beside, "private notes", -1, NULL));
  g_assert_true (g_file_set_contents (path, "A [web link](https://example.com/elsewhere), "
                                            "[mail](mailto:writer@example.com), "
                                            "[a file beside](notes.txt) and "
                                            "<a href=\"file:///etc/passwd\" id=\"raw\">a raw link</a>.\n",
                                      -1, NULL));
  window = new_window (1200, 800);
  byline_test_open_file (window, file);
  wait_for_preview_text (window, "a raw link");
  preview = byline_page_get_preview (byline_window_get_page (window));
  g_signal_connect (preview, "open-link", G_CALLBACK (open_link_cb), opened);

  clicked = byline_test_eval_js (window, "document.querySelectorAll('#byline-article a')"
                                         ".forEach(a => a.click()); 'clicked'");
  g_assert_cmpstr (clicked, ==, "clicked");

  toast = (LabelWait) { GTK_WIDGET (window), "Links to files are not opened" };
  byline_test_wait_until (label_shown, &toast, "the toast that says why a link was refused");
  /* The page answers a script sent now only once it has dealt with every click. */
  wait_for_page (window);

  g_assert_cmpuint (opened->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (opened, 0), ==, "https://example.com/elsewhere");
  g_assert_cmpstr (g_ptr_array_index (opened, 1), ==, "mailto:writer@example.com");

  g_signal_handlers_disconnect_by_func (preview, open_link_cb, opened);
  byline_test_close_window (window);
  g_unlink (beside);
  g_unlink (path);
  g_rmdir (dir);
}

/* The settings the preview's safety and footprint rest on: no script from the document, no
 * storage, no GPU (an article is painted on the CPU; see bench-preview for the figures). */
static void
test_web_settings (void)
{
  BylineWindow *window = new_window (1200, 800);
  WebKitSettings *settings = webkit_web_view_get_settings (web_view_of (window));

  g_assert_false (webkit_settings_get_enable_javascript_markup (settings));
  g_assert_false (webkit_settings_get_enable_html5_local_storage (settings));
  g_assert_false (webkit_settings_get_enable_html5_database (settings));
  g_assert_false (webkit_settings_get_enable_webgl (settings));
  g_assert_false (webkit_settings_get_javascript_can_open_windows_automatically (settings));
  g_assert_cmpint (webkit_settings_get_hardware_acceleration_policy (settings), ==,
                   WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);

  /* And the page still shows what is typed. */
  byline_test_type_text (window, "Painted without a GPU.\n");
  wait_for_preview_text (window, "Painted without a GPU.");

  byline_test_close_window (window);
}

/* Whether the block of paragraph 250 of type_long_article()'s text is in the preview's view. */
#define PARAGRAPH_250_IN_VIEW                                                                  \
  "(() => { const b = [...document.querySelectorAll('#byline-article > .chunk > .block')]"     \
  ".find(b => b.textContent.includes('Paragraph 250 ')); const r = b.getBoundingClientRect();" \
  " return String(r.bottom > 0 && r.top < window.innerHeight); })()"

/* Types 300 paragraphs, each wrapping onto two lines in a narrow preview, and waits until the
 * preview shows them all. Paragraph N starts on line 2N + 1. */
static void
type_long_article (BylineWindow *window)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "Paragraph %u of a long article, with enough words to wrap "
                                  "onto a second line in a narrow preview.\n\n", i);
  byline_test_type_text (window, text->str);
  wait_for_preview_text (window, "Paragraph 299 of");
}

static void
test_cursor_brings_block_into_view (void)
{
  BylineWindow *window = new_window (1200, 800);
  BylinePage *page = byline_window_get_page (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (page));
  g_autofree char *visible_before = NULL;
  GtkTextIter iter;

  type_long_article (window);

  /* Typing left the cursor at the end; start from the top. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  byline_test_wait_for_js (window, "String(window.scrollY < 100)", "true");
  visible_before = byline_test_eval_js (window, PARAGRAPH_250_IN_VIEW);
  g_assert_cmpstr (visible_before, ==, "false");

  /* Line 501 holds paragraph 250. */
  gtk_widget_grab_focus (GTK_WIDGET (byline_page_get_view (page)));
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 500);
  gtk_text_buffer_place_cursor (buffer, &iter);
  byline_test_wait_for_js (window, PARAGRAPH_250_IN_VIEW, "true");

  byline_test_close_window (window);
}

typedef struct
{
  GtkWidget *widget;
  gboolean   visible;
} VisibleWait;

static gboolean
visibility_is (gpointer data)
{
  VisibleWait *wait = data;

  return gtk_widget_get_visible (wait->widget) == wait->visible &&
         gtk_widget_get_mapped (wait->widget) == wait->visible;
}

static void
assert_shown (GtkWidget *editor,
              gboolean   editor_shown,
              GtkWidget *preview,
              gboolean   preview_shown)
{
  VisibleWait editor_wait = { editor, editor_shown };
  VisibleWait preview_wait = { preview, preview_shown };

  byline_test_wait_until (visibility_is, &editor_wait, "the editor's visibility");
  byline_test_wait_until (visibility_is, &preview_wait, "the preview's visibility");
}

static gboolean
split_is_narrow (gpointer data)
{
  return byline_split_get_narrow (data);
}

static void
test_layouts (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  BylineWindow *window = new_window (1200, 800);
  BylinePage *page = byline_window_get_page (window);
  GtkWidget *preview = GTK_WIDGET (byline_page_get_preview (page));
  GtkWidget *editor = gtk_widget_get_ancestor (GTK_WIDGET (byline_page_get_view (page)),
                                               GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *split = gtk_widget_get_ancestor (preview, BYLINE_TYPE_SPLIT);

  g_assert_nonnull (split);
  assert_shown (editor, TRUE, preview, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.layout", "s", "editor"));
  assert_shown (editor, TRUE, preview, FALSE);
  g_assert_cmpstr (g_settings_get_string (settings, "layout"), ==, "editor");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.layout", "s", "preview"));
  assert_shown (editor, FALSE, preview, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.layout", "s", "split"));
  assert_shown (editor, TRUE, preview, TRUE);
  byline_test_close_window (window);

  /* A narrow window has no room for two columns: the split shows one, with a switch. */
  window = new_window (500, 700);
  page = byline_window_get_page (window);
  preview = GTK_WIDGET (byline_page_get_preview (page));
  editor = gtk_widget_get_ancestor (GTK_WIDGET (byline_page_get_view (page)),
                                    GTK_TYPE_SCROLLED_WINDOW);
  split = gtk_widget_get_ancestor (preview, BYLINE_TYPE_SPLIT);
  byline_test_wait_until (split_is_narrow, split, "the narrow layout");
  assert_shown (editor, TRUE, preview, FALSE);

  g_assert_true (gtk_widget_activate_action (split, "split.shown", "s", "preview"));
  assert_shown (editor, FALSE, preview, TRUE);
  g_assert_true (gtk_widget_activate_action (split, "split.shown", "s", "editor"));
  assert_shown (editor, TRUE, preview, FALSE);

  /* Editor only stays editor only, whatever the width. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.layout", "s", "preview"));
  assert_shown (editor, FALSE, preview, TRUE);

  g_settings_reset (settings, "layout");
  byline_test_close_window (window);
}

typedef struct
{
  BylinePage *page;
  const char *needle;
} RenderWait;

static gboolean
render_holds (gpointer data)
{
  RenderWait *wait = data;
  BylineRenderResult *result = byline_page_get_render_result (wait->page);
  g_autofree char *json = result ? byline_render_result_to_json (result) : NULL;

  return json != NULL && strstr (json, wait->needle) != NULL;
}

static gboolean
not_rendering (gpointer data)
{
  BylineRenderResult *result = byline_page_get_render_result (data);

  byline_test_wait_for_idle ();

  return result != NULL && !byline_render_result_is_provisional (result) &&
         result == byline_page_get_render_result (data);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
count_blocks_cb (BylinePreview *preview,
                 guint          n_blocks,
                 guint         *count)
{
  /* The empty article the window opened with may still be on its way. */
  if (n_blocks > 0)
    (*count)++;
}

static gboolean
preview_updated_once (gpointer data)
{
  return byline_preview_get_n_updates (BYLINE_PREVIEW (data)) > 0;
}

/* A file read in chunks renders once, when all of it is in, and the page shows it in one
 * update: no render and no patch of the page for each part of the text as it comes in. */
static void
test_open_renders_once (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) text = g_string_new ("# A long article\n\n");
  BylineWindow *window = new_window (1200, 800);
  BylinePage *page = byline_window_get_page (window);
  BylinePreview *preview = byline_page_get_preview (page);
  guint renders = 0;
  guint updates = 0;
  gulong handler, updated_handler;

  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (text, "Paragraph %u of the opened article, long enough to be read "
                                  "in many chunks.\n\n", i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  wait_for_page (window);

  /* The empty article the window opened with has rendered, and the page shows it: it may
   * wait for the page to load, and would otherwise be counted with the opened file's. */
  byline_test_wait_until (not_rendering, page, "the first render");
  byline_test_wait_until (preview_updated_once, preview, "the empty article on the page");
  handler = g_signal_connect (page, "notify::render-result", G_CALLBACK (count_cb), &renders);
  updated_handler = g_signal_connect (preview, "updated", G_CALLBACK (count_blocks_cb), &updates);
  byline_test_open_file (window, file);
  g_assert_true (byline_window_get_page (window) == page);
  wait_for_preview_text (window, "Paragraph 3999 of");
  byline_test_wait_until (not_rendering, page, "the renders to end");
  wait_for_page (window);

  g_assert_cmpuint (renders, ==, 1);
  g_assert_cmpuint (updates, ==, 1);

  g_signal_handler_disconnect (page, handler);
  g_signal_handler_disconnect (preview, updated_handler);
  byline_test_close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* A preview out of view is not patched while the writer types; when it comes back it shows the
 * latest text in one update, and the block of the line the cursor moved to while it was away. */
static void
test_hidden_preview_catches_up (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  BylineWindow *window = new_window (1200, 800);
  BylinePage *page = byline_window_get_page (window);
  BylinePreview *preview = byline_page_get_preview (page);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (page));
  GtkWidget *editor = gtk_widget_get_ancestor (GTK_WIDGET (byline_page_get_view (page)),
                                               GTK_TYPE_SCROLLED_WINDOW);
  RenderWait typed = { page, "Typed out of view" };
  g_autofree char *shown_while_hidden = NULL;
  g_autofree char *in_view_before = NULL;
  GtkTextIter iter;
  guint updates;

  type_long_article (window);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  byline_test_wait_for_js (window, "String(window.scrollY < 100)", "true");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.layout", "s", "editor"));
  assert_shown (editor, TRUE, GTK_WIDGET (preview), FALSE);
  updates = byline_preview_get_n_updates (preview);

  /* Type at the end, then move the cursor to paragraph 250 (line 501). */
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  byline_test_type_text (window, "Typed out of view.");
  byline_test_wait_until (render_holds, &typed, "the render of the typed text");
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 500);
  gtk_text_buffer_place_cursor (buffer, &iter);
  /* What the move and the renders send the page, they send from the main loop: once it is
   * idle with no render under way, and the page has answered a later script, any update
   * sent has been counted. */
  byline_test_wait_until (not_rendering, page, "the renders to end");
  wait_for_page (window);

  g_assert_cmpuint (byline_preview_get_n_updates (preview), ==, updates);
  shown_while_hidden = byline_test_eval_js (
    window, "String(document.getElementById('byline-article').innerText.includes('Typed out'))");
  g_assert_cmpstr (shown_while_hidden, ==, "false");
  in_view_before = byline_test_eval_js (window, PARAGRAPH_250_IN_VIEW);
  g_assert_cmpstr (in_view_before, ==, "false");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.layout", "s", "split"));
  assert_shown (editor, TRUE, GTK_WIDGET (preview), TRUE);
  wait_for_preview_text (window, "Typed out of view.");
  byline_test_wait_for_js (window, PARAGRAPH_250_IN_VIEW, "true");
  g_assert_cmpuint (byline_preview_get_n_updates (preview), ==, updates + 1);

  g_settings_reset (settings, "layout");
  byline_test_close_window (window);
}

static void
test_relative_images_resolve (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.md", NULL);
  g_autofree char *png_path = g_build_filename (dir, "beside.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) png = make_png (5, 4);
  BylineWindow *window;

  g_assert_true (g_file_set_contents (png_path, g_bytes_get_data (png, NULL),
                                      g_bytes_get_size (png), NULL));
  g_assert_true (g_file_set_contents (path, "---\ntitle: Pictures\n---\n\n"
                                            "![beside the article](beside.png)\n\n"
                                            "Text after the picture.\n", -1, NULL));

  window = new_window (1200, 800);
  byline_test_open_file (window, file);
  wait_for_preview_text (window, "Text after the picture.");
  byline_test_wait_for_js (window,
               "(() => { const i = document.querySelector('#byline-article img');"
               " return i && i.complete ? String(i.naturalWidth) : 'loading'; })()",
               "5");

  byline_test_close_window (window);
  g_unlink (png_path);
  g_unlink (path);
  g_rmdir (dir);
}

/* An image that cannot be shown gives way to a placeholder that names it and says why; the
 * cover's too. */
static void
test_unreadable_images_explained (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.md", NULL);
  g_autofree char *note_path = g_build_filename (dir, "note.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window;

  g_assert_true (g_file_set_contents (note_path, "a note, not an image\n", -1, NULL));
  g_assert_true (g_file_set_contents (path, "---\ntitle: Pictures\ncoverImage: images/lost cover.jpg\n---\n\n"
                                            "![A lost figure](images/lost.png)\n\n"
                                            "![A note](note.png)\n\n"
                                            "Text after the pictures.\n", -1, NULL));

  window = new_window (1200, 800);
  byline_test_open_file (window, file);
  wait_for_preview_text (window, "Text after the pictures.");
  byline_test_wait_for_js (window,
               "Array.from(document.querySelectorAll('.image-placeholder'))"
               ".map(p => p.textContent).join('\\n')",
               "There is no file “images/lost cover.jpg” beside the article\n"
               "There is no file “images/lost.png” beside the article\n"
               "“note.png” is not an image the preview can show");
  byline_test_wait_for_js (window, "String(document.querySelectorAll('#byline-article img').length)",
                           "0");

  byline_test_close_window (window);
  g_unlink (note_path);
  g_unlink (path);
  g_rmdir (dir);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (byline_document_save_finish (BYLINE_DOCUMENT (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *)data;
}

static gboolean
buffer_has_image (gpointer data)
{
  g_autofree char *text = byline_test_buffer_text (data);

  return strstr (text, "](images/pasted-image-") != NULL;
}

/* A new article saved for the first time takes its folder along: an image pasted next shows in
 * the preview, resolved against the folder it was saved in, without reopening the article. */
static void
test_image_after_first_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "first.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) png = make_png (6, 3);
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, NULL);
  BylineWindow *window = new_window (1200, 800);
  BylinePage *page = byline_window_get_page (window);
  BylineDocument *document = byline_page_get_document (page);
  GtkWidget *view = GTK_WIDGET (byline_page_get_view (page));
  gboolean saved = FALSE;

  g_assert_nonnull (texture);
  g_assert_null (byline_document_get_file (document));
  byline_test_type_text (window, "# A first article\n\nText before the picture.\n\n");
  wait_for_preview_text (window, "Text before the picture.");

  byline_document_save_async (document, file, NULL, saved_cb, &saved);
  byline_test_wait_until (flag_is_set, &saved, "the first save");
  g_assert_true (g_file_equal (byline_document_get_file (document), file));

  gtk_widget_grab_focus (view);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (view), texture);
  g_assert_true (gtk_widget_activate_action (view, "clipboard.paste", NULL));
  byline_test_wait_until (buffer_has_image, document, "the pasted image's Markdown");

  byline_test_wait_for_js (window,
               "(() => { const i = document.querySelector('#byline-article img');"
               " return i && i.complete && i.naturalWidth > 0 ? String(i.naturalWidth)"
               " : 'not loaded'; })()",
               "6");

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (document), FALSE);
  byline_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  app = byline_test_app_start ("io.github.byline.Byline.PreviewTests");

  g_test_add_func ("/Byline/Preview/remote-images-need-permission",
                   test_remote_images_need_permission);
  g_test_add_func ("/Byline/Preview/links-do-not-navigate", test_links_do_not_navigate);
  g_test_add_func ("/Byline/Preview/file-links-refused", test_file_links_refused);
  g_test_add_func ("/Byline/Preview/cursor-brings-block-into-view",
                   test_cursor_brings_block_into_view);
  g_test_add_func ("/Byline/Preview/layouts", test_layouts);
  g_test_add_func ("/Byline/Preview/hidden-preview-catches-up", test_hidden_preview_catches_up);
  g_test_add_func ("/Byline/Preview/web-settings", test_web_settings);
  g_test_add_func ("/Byline/Preview/open-renders-once", test_open_renders_once);
  g_test_add_func ("/Byline/Preview/relative-images-resolve", test_relative_images_resolve);
  g_test_add_func ("/Byline/Preview/unreadable-images-explained", test_unreadable_images_explained);
  g_test_add_func ("/Byline/Preview/image-after-first-save", test_image_after_first_save);

  return byline_test_app_run ();
}
