/* test-theme.c
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
 * The preview's themes: the one chosen in Preferences is applied to the page in place (read
 * back from the page's computed style), and the passage in view stays in view.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "byline-application.h"
#include "byline-page.h"
#include "byline-test-utils.h"
#include "byline-window.h"

#define PASSAGE_IN_VIEW \
  "(() => { const y = innerHeight * 0.25;" \
  " for (const p of document.querySelectorAll('#byline-article p'))" \
  "   if (p.getBoundingClientRect().bottom > y) return p.textContent.split(' ')[1];" \
  " return ''; })()"

static BylineApplication *app;
static char *server_url;
static guint n_publication_reads;

#define PUBLICATION "at://did:plc:themetest/site.standard.publication/3lthemepub22a"
#define PLAIN_PUBLICATION "at://did:plc:themetest/site.standard.publication/3lplainpub22a"

/* A PLC directory and a PDS in one: the publication's owner and its record, with colours. */
static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  g_autofree char *body = NULL;

  if (g_str_equal (path, "/did:plc:themetest"))
    body = g_strdup_printf ("{\"id\":\"did:plc:themetest\",\"service\":[{\"id\":\"#atproto_pds\","
                            "\"type\":\"AtprotoPersonalDataServer\",\"serviceEndpoint\":\"%s\"}]}",
                            server_url);
  else if (g_str_equal (path, "/xrpc/com.atproto.repo.getRecord") && query != NULL &&
           g_strcmp0 (g_hash_table_lookup (query, "rkey"), "3lthemepub22a") == 0)
    {
      n_publication_reads++;
      body = g_strdup ("{\"uri\":\"" PUBLICATION "\",\"cid\":\"bafyreia\",\"value\":{"
                       "\"$type\":\"site.standard.publication\",\"name\":\"Solar Notes\","
                       "\"url\":\"https://solar.example\",\"basicTheme\":{"
                       "\"$type\":\"site.standard.theme.basic\","
                       "\"background\":{\"r\":253,\"g\":246,\"b\":227},"
                       "\"foreground\":{\"r\":7,\"g\":54,\"b\":66},"
                       "\"accent\":{\"r\":203,\"g\":75,\"b\":22},"
                       "\"accentForeground\":{\"r\":255,\"g\":255,\"b\":255}}}}");
    }

  else if (g_str_equal (path, "/xrpc/com.atproto.repo.getRecord") && query != NULL &&
           g_strcmp0 (g_hash_table_lookup (query, "rkey"), "3lplainpub22a") == 0)
    {
      n_publication_reads++;
      body = g_strdup ("{\"uri\":\"" PLAIN_PUBLICATION "\",\"cid\":\"bafyreib\",\"value\":{"
                       "\"$type\":\"site.standard.publication\",\"name\":\"Plain Notes\","
                       "\"url\":\"https://plain.example\"}}");
    }

  if (body == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"NotFound\"}", 20);
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
assert_theme (BylineWindow *window,
              const char   *theme,
              const char   *font_size,
              const char   *font)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *check = g_strdup_printf ("String(document.documentElement.classList.contains('theme-%s'))", theme);
  g_autofree char *family = NULL;
  g_autofree char *size = NULL;

  g_settings_set_string (settings, "preview-theme", theme);
  if (g_str_equal (theme, "default"))
    byline_test_wait_for_js (window, "String(document.documentElement.className.includes('theme-'))", "false");
  else
    byline_test_wait_for_js (window, check, "true");

  size = byline_test_eval_js (window, "getComputedStyle(document.documentElement).fontSize");
  family = byline_test_eval_js (window, "getComputedStyle(document.body).fontFamily");
  g_assert_cmpstr (size, ==, font_size);
  g_assert_true (g_str_has_prefix (family, font));
}

static void
test_theme (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-theme-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) article = g_string_new ("---\ntitle: Themes\n---\n\n");
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  BylineWindow *window;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (article, "Paragraph %u of the article, long enough to wrap at least "
                            "once in the preview's column, whatever the theme makes of it.\n\n", i);
  g_assert_true (g_file_set_contents (path, article->str, -1, NULL));

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);
  byline_test_wait_for_preview_text (window, "Paragraph 299");

  /* A passage in the middle. */
  g_free (byline_test_eval_js (window, "window.scrollTo(0, 6000); ''"));
  byline_test_wait_for_js (window, "String(window.scrollY >= 6000)", "true");
  before = byline_test_eval_js (window, PASSAGE_IN_VIEW);
  g_assert_cmpstr (before, !=, "");
  g_assert_cmpstr (before, !=, "0");

  assert_theme (window, "newsletter", "17px", "Cantarell");
  after = byline_test_eval_js (window, PASSAGE_IN_VIEW);
  g_assert_cmpstr (after, ==, before);
  byline_test_save_screenshot (GTK_WIDGET (window), "theme-newsletter.png");

  assert_theme (window, "longread", "20px", "\"Source Serif 4\"");
  g_free (after);
  after = byline_test_eval_js (window, PASSAGE_IN_VIEW);
  g_assert_cmpstr (after, ==, before);
  byline_test_save_screenshot (GTK_WIDGET (window), "theme-longread.png");

  /* The article's own theme comes before Preferences', and goes with its key. (Editing the
   * front matter would send the preview to the cursor's line: that is scroll sync's
   * business, off here.) */
  g_settings_set_boolean (settings, "scroll-sync", FALSE);
  {
    GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_line (buffer, &iter, 2);
    gtk_text_buffer_insert (buffer, &iter, "theme: newsletter\n", -1);
    byline_test_wait_for_js (window, "String(document.documentElement.classList.contains('theme-newsletter'))", "true");
    g_free (after);
    after = byline_test_eval_js (window, PASSAGE_IN_VIEW);
    g_assert_cmpstr (after, ==, before);

    gtk_text_buffer_get_iter_at_line (buffer, &iter, 2);
    {
      GtkTextIter end = iter;

      gtk_text_iter_forward_line (&end);
      gtk_text_buffer_delete (buffer, &iter, &end);
    }
    byline_test_wait_for_js (window, "String(document.documentElement.classList.contains('theme-longread'))", "true");
  }

  g_settings_reset (settings, "scroll-sync");
  assert_theme (window, "default", "18px", "\"Source Serif 4\"");

  byline_test_close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* The article's own style sheet styles the preview after the theme, and again when it changes
 * on disk; one outside the article's folder is not read. */
static void
test_stylesheet (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-theme-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "styled.md", NULL);
  g_autofree char *css = g_build_filename (dir, "site.css", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_true (g_file_set_contents (css, "p { color: rgb(1, 2, 3); }\n", -1, NULL));
  g_assert_true (g_file_set_contents (path, "---\ntitle: Styled\nstylesheet: site.css\n---\n\nStyled text.\n", -1, NULL));

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);
  byline_test_wait_for_preview_text (window, "Styled text.");
  byline_test_wait_for_js (window, "getComputedStyle(document.querySelector('#byline-article p')).color",
                           "rgb(1, 2, 3)");

  /* Changed on disk (saved by another editor, which writes a new file over it): the preview
   * takes it up, with no edit to the article. */
  g_assert_true (g_file_set_contents (css, "p { color: rgb(4, 5, 6); }\n", -1, NULL));
  byline_test_wait_for_js (window, "getComputedStyle(document.querySelector('#byline-article p')).color",
                           "rgb(4, 5, 6)");

  /* Named from outside the folder: not read, the page's own style again. */
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  gtk_text_buffer_get_iter_at_line (buffer, &start, 2);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, "stylesheet: ../site.css", -1);
  byline_test_wait_for_js (window, "String(getComputedStyle(document.querySelector('#byline-article p')).color !== 'rgb(1, 2, 3)')",
                           "true");

  byline_test_close_window (window);
  g_unlink (css);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
two_reads (gpointer data)
{
  return n_publication_reads == 2;
}

static gboolean
cache_written (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) && strstr (contents, "3lthemepub22a");
}

/* An article whose site is a publication takes its colours with the "publication" theme:
 * read from the publication's record in the background, kept in the cache folder. */
static void
test_publication (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-theme-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "solar.md", NULL);
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), APP_ID,
                                             "publication-themes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  BylineWindow *window;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_true (g_file_set_contents (path, "---\ntitle: Solar\nsite: " PUBLICATION "\n"
                                      "theme: publication\n---\n\n[A link](https://example.com).\n",
                                      -1, NULL));

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);
  byline_test_wait_for_preview_text (window, "A link");
  byline_test_wait_for_js (window, "getComputedStyle(document.documentElement).backgroundColor",
                           "rgb(253, 246, 227)");
  byline_test_wait_for_js (window, "getComputedStyle(document.querySelector('#byline-article a')).color",
                           "rgb(203, 75, 22)");
  byline_test_wait_for_js (window, "getComputedStyle(document.body).color", "rgb(7, 54, 66)");
  g_assert_cmpuint (n_publication_reads, ==, 1);
  byline_test_wait_until (cache_written, cache, "the colours to be kept in the cache");
  byline_test_save_screenshot (GTK_WIDGET (window), "theme-publication.png");

  /* Another theme: the page's own colours again. */
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  gtk_text_buffer_get_iter_at_line (buffer, &start, 3);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, "theme: newsletter", -1);
  byline_test_wait_for_js (window, "getComputedStyle(document.documentElement).backgroundColor",
                           "rgb(255, 255, 255)");

  /* Chosen in Preferences, for an article that names no theme: asked once a session. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 3);
  end = start;
  gtk_text_iter_forward_line (&end);
  gtk_text_buffer_delete (buffer, &start, &end);
  g_settings_set_string (settings, "preview-theme", "publication");
  byline_test_wait_for_js (window, "getComputedStyle(document.documentElement).backgroundColor",
                           "rgb(253, 246, 227)");
  g_assert_cmpuint (n_publication_reads, ==, 1);

  /* A publication that chose no colours: the default look. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 2);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, "site: " PLAIN_PUBLICATION, -1);
  byline_test_wait_for_js (window, "getComputedStyle(document.documentElement).backgroundColor",
                           "rgb(255, 255, 255)");
  byline_test_wait_until (two_reads, NULL, "the second publication to be read");
  g_settings_reset (settings, "preview-theme");

  byline_test_close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The publications' records come from this test, never from the network. */
  {
    SoupServer *server = soup_server_new (NULL, NULL);
    g_autoptr(GError) error = NULL;
    g_autoslist(GUri) uris = NULL;
    g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), APP_ID,
                                               "publication-themes.json", NULL);

    soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
    soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
    g_assert_no_error (error);
    uris = soup_server_get_uris (server);
    server_url = g_uri_to_string (uris->data);
    if (g_str_has_suffix (server_url, "/"))
      server_url[strlen (server_url) - 1] = '\0';
    g_setenv ("BYLINE_PLC_DIRECTORY", server_url, TRUE);
    g_unlink (cache);
  }

  app = byline_application_new ("io.github.byline.Byline.ThemeTests", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/Byline/Theme/applied-in-place", test_theme);
  g_test_add_func ("/Byline/Theme/article-stylesheet", test_stylesheet);
  g_test_add_func ("/Byline/Theme/publication", test_publication);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
