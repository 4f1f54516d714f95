/* test-sandbox-window.c
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
 * The real window in a sandbox that shows it the article alone: test-sandbox-window.sh runs
 * this program under bubblewrap with the article at /run/user/UID/doc/ID/article.md, as the
 * document portal leaves it, and its cover and figure on disk but out of sight. The window
 * opens the article, the preview renders it with a placeholder for the figure that says why
 * it cannot be shown, and the side panel says the same of the cover, in words rather than the
 * system's "No such file or directory". Run outside that sandbox, it fails: the images are
 * there.
 */

#include "config.h"

#include "byline-application.h"
#include "byline-test-utils.h"
#include "byline-window.h"

static BylineApplication *app;

static const char *
article_path (void)
{
  const char *path = g_getenv ("BYLINE_SANDBOX_ARTICLE");

  g_assert_nonnull (path);

  return path;
}

static void
test_article_alone (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (article_path ());
  g_autofree char *folder = g_path_get_dirname (article_path ());
  g_autofree char *figure = NULL;
  BylineWindow *window;

  /* What the test runs in: Flatpak's marker, and the images beside the article out of sight. */
  g_assert_true (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (article_path (), G_FILE_TEST_IS_REGULAR));
  figure = g_build_filename (folder, "images", "figure.png", NULL);
  g_assert_false (g_file_test (figure, G_FILE_TEST_EXISTS));

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);

  /* The preview renders the article, with a placeholder that names the figure and says why it
   * cannot be shown; the cover's too. */
  byline_test_wait_for_preview_text (window, "A figure beside the article");
  byline_test_wait_for_js (window,
                           "Array.from(document.querySelectorAll('.image-placeholder'))"
                           ".map(p => p.textContent).join('\\n')",
                           "Byline cannot see “images/cover.png”: its sandbox shows it the article "
                           "but not the folder around it (see “Byline cannot see an image” in the help)\n"
                           "Byline cannot see “images/figure.png”: its sandbox shows it the article "
                           "but not the folder around it (see “Byline cannot see an image” in the help)");
  byline_test_wait_for_js (window, "String(document.querySelectorAll('#byline-article img').length)",
                           "0");

  /* The side panel says it of the cover. */
  byline_test_wait_for_label (GTK_WIDGET (window),
                              "Byline cannot see “images/cover.png”: its sandbox shows it the article");
  byline_test_save_screenshot (GTK_WIDGET (window), "sandbox-window");

  byline_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  app = byline_test_app_start ("io.github.byline.Byline.SandboxTests");

  g_test_add_func ("/Byline/Sandbox/article-alone", test_article_alone);

  return byline_test_app_run ();
}
