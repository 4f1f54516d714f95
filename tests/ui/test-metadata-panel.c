/* test-metadata-panel.c
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
 * The metadata panel, driven as a writer would: text set on the rows' editables, buttons
 * activated, chips removed. Each edit is checked where it lands: the front matter in the
 * buffer, the preview's header, the undo history and the files beside the article.
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "byline-application.h"
#include "byline-test-utils.h"
#include "byline-cover-row.h"
#include "byline-date-row.h"
#include "byline-front-matter.h"
#include "byline-metadata-panel.h"
#include "byline-tags-row.h"
#include "byline-window.h"

static BylineApplication *app;

/* Lets idle writes and redraws run. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static BylineWindow *
new_window (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static BylineDocument *
window_document (BylineWindow *window)
{
  return byline_page_get_document (byline_window_get_page (window));
}

/* Lets the closed window's idle work finish before the next test opens one. */
static void
close_window (BylineWindow *window)
{
  byline_test_close_window (window);
  settle ();
}

static char *
front_matter (BylineWindow *window)
{
  g_autoptr(GBytes) bytes = byline_document_dup_text (window_document (window));
  const char *text = g_bytes_get_data (bytes, NULL);
  const char *end;

  if (!g_str_has_prefix (text, "---\n") || !(end = strstr (text + 4, "\n---")))
    return g_strdup ("");

  return g_strndup (text + 4, end - text - 4 + 1);
}

typedef struct
{
  BylineWindow *window;
  const char   *needle;
  gboolean      present;
} FrontMatterWait;

static gboolean
front_matter_matches (gpointer data)
{
  FrontMatterWait *wait = data;
  g_autofree char *text = front_matter (wait->window);

  return (strstr (text, wait->needle) != NULL) == wait->present;
}

static void
wait_for_front_matter (BylineWindow *window,
                       const char   *needle)
{
  FrontMatterWait wait = { window, needle, TRUE };
  g_autofree char *what = g_strdup_printf ("the front matter to hold “%s”", needle);

  byline_test_wait_until (front_matter_matches, &wait, what);
}

static void
wait_for_front_matter_without (BylineWindow *window,
                               const char   *needle)
{
  FrontMatterWait wait = { window, needle, FALSE };
  g_autofree char *what = g_strdup_printf ("the front matter to lose “%s”", needle);

  byline_test_wait_until (front_matter_matches, &wait, what);
}

typedef struct
{
  BylineWindow *window;
  const char   *title;
} TitleWait;

/* Long values are folded over several lines in the YAML: read them back with the parser. */
static gboolean
parsed_title_is (gpointer data)
{
  TitleWait *wait = data;
  g_autoptr(GBytes) bytes = byline_document_dup_text (window_document (wait->window));
  g_autoptr(BylineMetadata) metadata = NULL;
  gsize length = 0;
  const char *text = g_bytes_get_data (bytes, &length);

  metadata = byline_front_matter_parse (text, length, NULL, NULL);

  return metadata != NULL && g_strcmp0 (byline_metadata_get_title (metadata), wait->title) == 0;
}

static void
wait_for_parsed_title (BylineWindow *window,
                       const char   *title)
{
  TitleWait wait = { window, title };

  byline_test_wait_until (parsed_title_is, &wait, "the front matter to hold the title");
}

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *widget,
             Match          match,
             gconstpointer  data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_button_for_action (GtkWidget     *widget,
                      gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_remove_button_for (GtkWidget     *widget,
                      gconstpointer  tag)
{
  GVariant *target;

  if (!is_button_for_action (widget, "tags.remove"))
    return FALSE;

  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

  return target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), tag) == 0;
}

static GtkWidget *
panel_of (BylineWindow *window)
{
  GtkWidget *panel = byline_test_find_widget (GTK_WIDGET (window), BYLINE_TYPE_METADATA_PANEL);

  g_assert_nonnull (panel);

  return panel;
}

static GtkWidget *
row_titled (BylineWindow *window,
            const char   *title)
{
  GtkWidget *row = find_widget (panel_of (window), is_row_titled, title);

  g_assert_nonnull (row);

  return row;
}

/* Whether @widget is shown: it and every parent up to the panel are visible. */
static gboolean
shown (GtkWidget *widget)
{
  for (; widget != NULL && !BYLINE_IS_METADATA_PANEL (widget); widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;

  return widget != NULL;
}

static gboolean
shown_label (BylineWindow *window,
             const char   *text)
{
  GtkWidget *label = find_widget (panel_of (window), is_label_containing, text);

  return label != NULL && shown (label);
}

typedef struct
{
  BylineWindow *window;
  const char   *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return shown_label (wait->window, wait->text);
}

/* For edits made outside the panel, which it shows once the text is read again. */
static void
wait_for_label (BylineWindow *window,
                const char   *text)
{
  LabelWait wait = { window, text };
  g_autofree char *what = g_strdup_printf ("the panel to say “%s”", text);

  byline_test_wait_until (label_shown, &wait, what);
}

static gboolean
label_hidden (gpointer data)
{
  return !label_shown (data);
}

static void
wait_for_label_gone (BylineWindow *window,
                     const char   *text)
{
  LabelWait wait = { window, text };
  g_autofree char *what = g_strdup_printf ("the panel to stop saying “%s”", text);

  byline_test_wait_until (label_hidden, &wait, what);
}

static void
set_row_text (BylineWindow *window,
              const char   *title,
              const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row_titled (window, title)), text);
}

static void
undo (BylineWindow *window)
{
  settle ();
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (window_document (window)));
}

static void
test_title_limits (void)
{
  BylineWindow *window = new_window ();
  g_autoptr(GString) title = g_string_new (NULL);
  GtkWidget *counter;

  set_row_text (window, "Title", "A Short Title");
  wait_for_front_matter (window, "title: A Short Title\n");
  byline_test_wait_for_js (window, "document.querySelector('.article-header .title').textContent",
               "A Short Title");
  g_assert_true (shown_label (window, "487 left"));
  g_assert_true (shown_label (window, "4987 bytes"));

  /* 500 letters and an emoji family (several code points, one grapheme): 501 graphemes. */
  for (guint i = 0; i < 500; i++)
    g_string_append_c (title, 'a');
  g_string_append (title, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7");
  set_row_text (window, "Title", title->str);
  wait_for_parsed_title (window, title->str);

  g_assert_true (shown_label (window, "The title has 501 characters; the limit is 500"));
  counter = find_widget (panel_of (window), is_label_containing, "-1 left");
  g_assert_nonnull (counter);
  g_assert_true (gtk_widget_has_css_class (counter, "error"));

  /* Back under the limit, the error goes. */
  g_string_truncate (title, 500);
  set_row_text (window, "Title", title->str);
  wait_for_parsed_title (window, title->str);
  settle ();
  g_assert_false (shown_label (window, "the limit is 500"));
  g_assert_true (shown_label (window, "0 left"));

  /* Each edit was one undoable change of the front matter. */
  undo (window);
  g_string_append (title, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7");
  wait_for_parsed_title (window, title->str);

  close_window (window);
}

static void
test_path_follows_title (void)
{
  BylineWindow *window = new_window ();

  set_row_text (window, "Title", "Café Society, Revisited");
  wait_for_front_matter (window, "title: Café Society, Revisited\n");
  settle ();

  /* The title's path is offered, not written: the writer takes it. */
  g_assert_null (strstr (front_matter (window), "path:"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_titled (window, "Path"))), ==, "");
  g_assert_true (shown (find_widget (panel_of (window), is_button_for_action,
                                     "metadata.follow-title")));
  g_assert_true (gtk_widget_activate_action (panel_of (window), "metadata.follow-title", NULL));
  wait_for_front_matter (window, "path: /cafe-society-revisited\n");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_titled (window, "Path"))), ==,
                   "/cafe-society-revisited");

  set_row_text (window, "Title", "Why Beijing Is Betting Big on AI");
  wait_for_front_matter (window, "path: /why-beijing-is-betting-big-on-ai\n");

  /* Once taken, the path follows the title; the two change together: one undo restores
   * both. */
  undo (window);
  wait_for_front_matter (window, "path: /cafe-society-revisited\n");
  wait_for_front_matter (window, "title: Café Society, Revisited\n");
  gtk_text_buffer_redo (GTK_TEXT_BUFFER (window_document (window)));
  wait_for_front_matter (window, "path: /why-beijing-is-betting-big-on-ai\n");

  /* A path edited by hand stays put when the title changes. */
  set_row_text (window, "Path", "/beijing-ai");
  wait_for_front_matter (window, "path: /beijing-ai\n");
  settle ();
  g_assert_true (shown (find_widget (panel_of (window), is_button_for_action,
                                     "metadata.follow-title")));
  set_row_text (window, "Title", "Why Beijing Bets on AI");
  wait_for_front_matter (window, "title: Why Beijing Bets on AI\n");
  g_assert_nonnull (strstr (front_matter (window), "path: /beijing-ai\n"));

  /* The reset button makes it follow again. */
  g_assert_true (gtk_widget_activate_action (panel_of (window), "metadata.follow-title", NULL));
  wait_for_front_matter (window, "path: /why-beijing-bets-on-ai\n");
  settle ();
  g_assert_false (shown (find_widget (panel_of (window), is_button_for_action,
                                      "metadata.follow-title")));
  set_row_text (window, "Title", "Why Beijing Bets on AI Again");
  wait_for_front_matter (window, "path: /why-beijing-bets-on-ai-again\n");

  /* A path without its slash is an error, as the export says. */
  set_row_text (window, "Path", "no-slash");
  wait_for_front_matter (window, "path: no-slash\n");
  settle ();
  g_assert_true (shown_label (window, "The path must start with a slash"));

  close_window (window);
}

static gboolean has_chip (gpointer data);
static void press_enter (GtkWidget *entry);

/* Typing a title never adds a path; Enter in the empty Path row takes the suggested one. */
static void
test_title_adds_no_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-panel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *typed = "Slow Travel";
  BylineWindow *window;
  GtkWidget *path_row;

  g_assert_true (g_file_set_contents (path,
                                      "---\n"
                                      "title: Draft\n"
                                      "site: https://example.com\n"
                                      "---\n"
                                      "\n"
                                      "Body.\n", -1, NULL));
  window = new_window ();
  byline_test_open_file (window, file);
  wait_for_front_matter (window, "title: Draft\n");

  /* Letter by letter, as typed. */
  for (gsize i = 1; i <= strlen (typed); i++)
    {
      g_autofree char *prefix = g_strndup (typed, i);

      set_row_text (window, "Title", prefix);
      wait_for_parsed_title (window, prefix);
      g_assert_null (strstr (front_matter (window), "path:"));
    }
  settle ();
  g_assert_cmpstr (front_matter (window), ==, "title: Slow Travel\nsite: https://example.com\n");

  /* Where the export will publish it, from the title. */
  g_assert_true (shown_label (window, "Published at https://example.com/slow-travel"));

  path_row = row_titled (window, "Path");
  g_signal_emit_by_name (path_row, "entry-activated");
  wait_for_front_matter (window, "path: /slow-travel\n");
  g_assert_cmpstr (front_matter (window), ==,
                   "title: Slow Travel\nsite: https://example.com\npath: /slow-travel\n");

  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* The text as it is saved: the buffer holds the last line end implicitly. */
static char *
buffer_text (BylineWindow *window)
{
  g_autoptr(GBytes) bytes = byline_document_dup_text (window_document (window));
  const char *text = g_bytes_get_data (bytes, NULL);

  return g_str_has_suffix (text, "\n") ? g_strdup (text) : g_strconcat (text, "\n", NULL);
}

/* The panel's edits change the lines of their keys, and nothing else: comments, quoting, a
 * flow list and keys Byline does not know stay as the writer wrote them. */
static void
test_edits_in_place (void)
{
  static const char *original =
    "---\n"
    "# Drafted on the night train\n"
    "title: \"Night Train\"   # working title\n"
    "tags: [travel, night]   # two for now\n"
    "\n"
    "# Kept for the old site\n"
    "layout: post\n"
    "permalink: /:year/:title/\n"
    "---\n"
    "\n"
    "Body.\n";
  g_autofree char *dir = g_dir_make_tmp ("byline-panel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  BylineWindow *window;
  GtkWidget *tags_row;
  GtkWidget *entry;

  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  window = new_window ();
  byline_test_open_file (window, file);
  wait_for_front_matter (window, "title: \"Night Train\"");
  settle ();

  set_row_text (window, "Title", "Night Train to Vienna");
  wait_for_front_matter (window, "title: \"Night Train to Vienna\"   # working title\n");

  tags_row = byline_test_find_widget (panel_of (window), BYLINE_TYPE_TAGS_ROW);
  byline_test_wait_until (has_chip, tags_row, "the tags to be shown");
  gtk_widget_activate (find_widget (tags_row, is_remove_button_for, "night"));
  wait_for_front_matter (window, "tags: [travel]   # two for now\n");
  entry = byline_test_find_widget (tags_row, GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "trains");
  press_enter (entry);
  wait_for_front_matter (window, "tags: [travel, trains]   # two for now\n");

  /* Line by line: only the title's and the tags' lines changed. */
  text = buffer_text (window);
  before = g_strsplit (original, "\n", -1);
  after = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (before), ==, g_strv_length (after));
  for (guint i = 0; before[i] != NULL; i++)
    if (i == 2)
      g_assert_cmpstr (after[i], ==, "title: \"Night Train to Vienna\"   # working title");
    else if (i == 3)
      g_assert_cmpstr (after[i], ==, "tags: [travel, trains]   # two for now");
    else
      g_assert_cmpstr (after[i], ==, before[i]);

  /* Each edit is undone on its own, back to the text as written. */
  undo (window);
  undo (window);
  undo (window);
  g_clear_pointer (&text, g_free);
  text = buffer_text (window);
  g_assert_cmpstr (text, ==, original);

  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
has_chip_gnome (gpointer data)
{
  return find_widget (data, is_remove_button_for, "GNOME") != NULL;
}

static gboolean
is_any_remove_button (GtkWidget     *widget,
                      gconstpointer  data)
{
  return is_button_for_action (widget, "tags.remove");
}

static gboolean
has_chip (gpointer data)
{
  return find_widget (data, is_any_remove_button, NULL) != NULL;
}

/* Enter in an entry ends in its text widget's activation. */
static void
press_enter (GtkWidget *entry)
{
  GtkWidget *text = byline_test_find_widget (entry, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
}

static void
test_tags (void)
{
  BylineWindow *window = new_window ();
  GtkWidget *tags_row = byline_test_find_widget (panel_of (window), BYLINE_TYPE_TAGS_ROW);
  GtkWidget *entry = byline_test_find_widget (tags_row, GTK_TYPE_ENTRY);
  GtkWidget *remove;

  set_row_text (window, "Title", "Tagged");
  wait_for_front_matter (window, "title: Tagged\n");

  /* Typed with the habitual # and two at once: stored without it. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "#GNOME, writing");
  press_enter (entry);
  wait_for_front_matter (window, "tags:\n- GNOME\n- writing\n");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  byline_test_wait_for_js (window,
               "Array.from(document.querySelectorAll('.article-header .tag'))"
               ".map(e => e.textContent).join(',')",
               "GNOME,writing");
  g_assert_nonnull (find_widget (tags_row, is_remove_button_for, "GNOME"));
  g_assert_nonnull (find_widget (tags_row, is_remove_button_for, "writing"));

  /* A tag already there is not added twice. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "##writing");
  press_enter (entry);
  settle ();
  g_assert_nonnull (strstr (front_matter (window), "tags:\n- GNOME\n- writing\n"));

  /* The chip's close button removes it. */
  remove = find_widget (tags_row, is_remove_button_for, "GNOME");
  gtk_widget_activate (remove);
  wait_for_front_matter (window, "tags:\n- writing\n");
  settle ();
  g_assert_null (find_widget (tags_row, is_remove_button_for, "GNOME"));
  byline_test_wait_for_js (window,
               "Array.from(document.querySelectorAll('.article-header .tag'))"
               ".map(e => e.textContent).join(',')",
               "writing");

  /* A tag over its limit is kept, and the row says what is wrong with it. */
  {
    g_autofree char *long_tag = g_strnfill (129, 'x');

    /* While it is typed, the row counts what is left of a tag's limits. */
    gtk_editable_set_text (GTK_EDITABLE (entry), "#caf\xc3\xa9");
    g_assert_true (shown_label (window, "124 left · 1275 bytes"));
    byline_test_save_screenshot (GTK_WIDGET (window), "tags-counter");
    gtk_editable_set_text (GTK_EDITABLE (entry), long_tag);
    g_assert_true (shown_label (window, "-1 left · 1151 bytes"));
    press_enter (entry);
    wait_for_front_matter (window, long_tag);
    settle ();
    g_assert_true (shown_label (window, "The tag “xxx"));
    g_assert_true (shown_label (window, "has 129 characters; the limit is 128"));
    g_assert_false (shown_label (window, "1151 bytes"));

    undo (window);
    wait_for_front_matter (window, "tags:\n- writing\n");
    wait_for_label_gone (window, "the limit is 128");
  }

  /* Undo brings the tag back, in the text and, once it is read again, as a chip. */
  undo (window);
  wait_for_front_matter (window, "tags:\n- GNOME\n- writing\n");
  byline_test_wait_until (has_chip_gnome, tags_row, "the GNOME chip to come back");

  close_window (window);
}

static void
test_description_site_and_bluesky (void)
{
  BylineWindow *window = new_window ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_auto(GStrv) recent = NULL;
  GtkWidget *description = byline_test_find_widget (row_titled (window, "Description"),
                                                    GTK_TYPE_TEXT_VIEW);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (description));
  GtkWidget *site_row;
  GtkWidget *recent_label;

  set_row_text (window, "Title", "Described");
  gtk_text_buffer_set_text (buffer, "First line of the summary.\nSecond line.", -1);
  wait_for_front_matter (window, "Second line.");
  byline_test_wait_for_js (window, "document.querySelector('.article-header .description').textContent",
               "First line of the summary.\nSecond line.");
  g_assert_true (shown_label (window, "2961 left"));

  /* The site: a trailing slash is refused by the export, and said so here. */
  set_row_text (window, "Site", "https://example.com/");
  wait_for_front_matter (window, "site: https://example.com/\n");
  settle ();
  g_assert_true (shown_label (window, "must not end with a slash"));

  set_row_text (window, "Site", "https://example.com");
  wait_for_front_matter (window, "site: https://example.com\n");
  settle ();
  g_assert_false (shown_label (window, "must not end with a slash"));

  /* Site and path together: the address readers will use. */
  g_assert_true (shown_label (window, "Published at https://example.com/described"));

  /* Done with the field (Enter): it joins the recent sites. */
  site_row = row_titled (window, "Site");
  press_enter (site_row);
  recent = g_settings_get_strv (settings, "recent-sites");
  g_assert_cmpstr (recent[0], ==, "https://example.com");
  recent_label = find_widget (panel_of (window), is_label_containing, "https://example.com");
  g_assert_nonnull (recent_label);
  g_assert_nonnull (gtk_widget_get_ancestor (recent_label, GTK_TYPE_POPOVER));

  /* Picking it from the recent sites puts it back. */
  set_row_text (window, "Site", "https://other.example");
  wait_for_front_matter (window, "site: https://other.example\n");
  gtk_widget_activate (gtk_widget_get_ancestor (recent_label, GTK_TYPE_LIST_BOX_ROW));
  wait_for_front_matter (window, "site: https://example.com\n");
  g_clear_pointer (&recent, g_strfreev);
  recent = g_settings_get_strv (settings, "recent-sites");
  g_assert_cmpstr (recent[0], ==, "https://example.com");

  /* A bsky.app link is stored as the post's AT-URI. */
  set_row_text (window, "Bluesky Post",
                "https://bsky.app/profile/alice.bsky.social/post/3kabc2def3ghi");
  wait_for_front_matter (window, "uri: at://alice.bsky.social/app.bsky.feed.post/3kabc2def3ghi");
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_titled (window, "Bluesky Post"))), ==,
                   "https://bsky.app/profile/alice.bsky.social/post/3kabc2def3ghi");
  g_assert_false (shown_label (window, "is not a link to a post"));
  g_assert_true (shown_label (window, "announces this article"));
  /* A pasted link has no CID, without which the record cannot link the post: it says so. */
  g_assert_true (shown_label (window, "only together with its CID"));

  set_row_text (window, "Bluesky Post", "at://did:plc:abc123/app.bsky.feed.post/3kxyz");
  wait_for_front_matter (window, "uri: at://did:plc:abc123/app.bsky.feed.post/3kxyz");

  set_row_text (window, "Bluesky Post", "https://example.com/not-a-post");
  wait_for_front_matter (window, "https://example.com/not-a-post");
  settle ();
  g_assert_true (shown_label (window, "is not a link to a post"));
  g_assert_false (shown_label (window, "only together with its CID"));

  undo (window);
  wait_for_front_matter (window, "uri: at://did:plc:abc123/app.bsky.feed.post/3kxyz");

  close_window (window);
}

static void
test_dates (void)
{
  BylineWindow *window = new_window ();
  BylineDateRow *published = BYLINE_DATE_ROW (row_titled (window, "Published"));
  GtkWidget *calendar = byline_test_find_widget (GTK_WIDGET (published), GTK_TYPE_CALENDAR);
  GtkWidget *hour = NULL;
  GtkWidget *minute = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) stored = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *fm = NULL;
  g_autofree char *value = NULL;
  const char *line;

  set_row_text (window, "Title", "Dated");
  wait_for_front_matter (window, "title: Dated\n");

  /* “Now”: stored in UTC, with milliseconds, as FORMAT.md writes datetimes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (published), "date.now", NULL));
  wait_for_front_matter (window, "publishedAt: ");
  fm = front_matter (window);
  line = strstr (fm, "publishedAt: ") + strlen ("publishedAt: ");
  value = g_strndup (line, strcspn (line, "\n"));
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
                                       "\\.[0-9]{3}Z$", value, 0, 0));
  stored = g_date_time_new_from_iso8601 (value, NULL);
  g_assert_cmpint (g_date_time_difference (stored, before), >=, -G_USEC_PER_SEC);
  g_assert_cmpint (g_date_time_difference (stored, before), <, 60 * G_USEC_PER_SEC);
  byline_test_wait_for_js (window, "String(document.querySelectorAll('.article-header time').length)", "1");

  /* Picked in local time (India, UTC+05:30 here): 7:00 on 5 March 2026 is 01:30 UTC. */
  day = g_date_time_new_local (2026, 3, 5, 12, 0, 0);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  for (GtkWidget *child = gtk_widget_get_next_sibling (calendar) ?
         gtk_widget_get_first_child (gtk_widget_get_next_sibling (calendar)) : NULL;
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SPIN_BUTTON (child))
      {
        if (hour == NULL)
          hour = child;
        else if (minute == NULL)
          minute = child;
      }
  g_assert_nonnull (hour);
  g_assert_nonnull (minute);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (hour), 7);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (minute), 0);
  wait_for_front_matter (window, "publishedAt: 2026-03-05T01:30:");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (published)),
                           "5 March 2026, 07:00"));

  /* An updated date written by hand in another form is flagged, and “Now” fixes it. */
  {
    BylineDateRow *updated = BYLINE_DATE_ROW (row_titled (window, "Updated"));

    byline_document_set_field (window_document (window), BYLINE_METADATA_FIELD_UPDATED_AT,
                               "2026-03-05 10:00");
    wait_for_front_matter (window, "updatedAt: 2026-03-05 10:00");
    wait_for_label (window, "is not a date and time a record accepts");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (updated), "date.now", NULL));
    wait_for_front_matter_without (window, "updatedAt: 2026-03-05 10:00");
    settle ();
    g_assert_false (shown_label (window, "is not a date and time a record accepts"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (published), "date.clear", NULL));
  wait_for_front_matter_without (window, "publishedAt:");
  undo (window);
  wait_for_front_matter (window, "publishedAt: 2026-03-05T01:30:");

  close_window (window);
}

static void
write_noise_jpeg (const char *path,
                  int         width,
                  int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  /* Noise does not compress: a big file from a modest image. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = g_rand_int_range (rand, 0, 256);

  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "95", NULL);
  g_assert_no_error (error);
}

static gboolean
widget_shown_and_sensitive (gpointer data)
{
  return shown (data) && gtk_widget_is_sensitive (data);
}

/* A cover that cannot be read is named, with the reason in words. */
static void
test_cover_unreadable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-panel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window;

  g_assert_true (g_file_set_contents (path,
                                      "---\n"
                                      "title: With a Lost Cover\n"
                                      "coverImage: images/lost.jpg\n"
                                      "---\n"
                                      "\n"
                                      "Body.\n", -1, NULL));

  window = new_window ();
  byline_test_open_file (window, file);
  wait_for_label (window, "There is no file “images/lost.jpg” beside the article");
  g_assert_false (shown_label (window, "No such file or directory"));

  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_cover_shrink (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-panel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.md", NULL);
  g_autofree char *big = g_build_filename (dir, "big photo.jpg", NULL);
  g_autofree char *small = g_build_filename (dir, "big photo-cover.jpg", NULL);
  g_autofree char *dropped = g_build_filename (dir, "dropped.png", NULL);
  g_autofree char *big_before = NULL;
  g_autofree char *big_after = NULL;
  g_autofree char *src = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gsize big_length = 0;
  GStatBuf st;
  BylineWindow *window;
  GtkWidget *cover_row;
  GtkWidget *shrink;
  int width = 0, height = 0;

  write_noise_jpeg (big, 1500, 1000);
  g_assert_true (g_file_get_contents (big, &big_before, &big_length, NULL));
  g_assert_cmpuint (big_length, >, 1000000);
  g_assert_true (g_file_set_contents (path,
                                      "---\n"
                                      "title: With a Cover\n"
                                      "coverImage: big photo.jpg\n"
                                      "---\n"
                                      "\n"
                                      "Body.\n", -1, NULL));

  window = new_window ();
  byline_test_open_file (window, file);

  cover_row = byline_test_find_widget (panel_of (window), BYLINE_TYPE_COVER_ROW);
  shrink = find_widget (cover_row, is_button_for_action, "cover.shrink");
  byline_test_wait_until (widget_shown_and_sensitive, shrink, "Shrink to Fit to be offered");
  g_assert_true (shown_label (window, "over the limit of 1,000,000 bytes"));
  g_assert_true (shown_label (window, "1500 × 1000"));

  gtk_widget_activate (shrink);
  wait_for_front_matter (window, "coverImage: big photo-cover.jpg\n");

  /* A copy under the limit, with the same shape; the original untouched. */
  g_assert_cmpint (g_stat (small, &st), ==, 0);
  g_assert_cmpint (st.st_size, <=, 1000000);
  g_assert_nonnull (gdk_pixbuf_get_file_info (small, &width, &height));
  g_assert_cmpint (width, <, 1500);
  g_assert_cmpfloat (fabs ((double)width / height - 1.5), <, 1.0 / height + 0.002);
  g_assert_true (g_file_get_contents (big, &big_after, NULL, NULL));
  g_assert_true (memcmp (big_before, big_after, big_length) == 0);

  byline_test_wait_for_js (window,
               "decodeURIComponent(document.querySelector('.article-header .cover')"
               ".getAttribute('src'))",
               "big photo-cover.jpg");

  /* Dropping an image on the row makes it the cover: this one fits as it is. */
  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 300, 200);
    g_autoptr(GFile) dropped_file = g_file_new_for_path (dropped);
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (cover_row);
    GtkEventController *drop = NULL;
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;

    gdk_pixbuf_fill (pixbuf, 0x3366ccff);
    g_assert_true (gdk_pixbuf_save (pixbuf, dropped, "png", NULL, NULL));

    for (guint i = 0; ; i++)
      {
        GtkEventController *controller = g_list_model_get_item (controllers, i);

        g_assert_nonnull (controller);
        g_object_unref (controller);
        if (GTK_IS_DROP_TARGET (controller))
          {
            drop = controller;
            break;
          }
      }

    g_value_init (&value, G_TYPE_FILE);
    g_value_set_object (&value, dropped_file);
    g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);

    wait_for_front_matter (window, "coverImage: dropped.png\n");
    wait_for_label (window, "300 × 200");
    g_assert_false (shown (shrink));
    /* It says what is left of the limit for a cover. */
    {
      GStatBuf dropped_stat;
      g_autofree char *left = NULL;

      g_assert_cmpint (g_stat (dropped, &dropped_stat), ==, 0);
      left = g_strdup_printf ("%" G_GINT64_FORMAT " bytes left",
                              (gint64)1000000 - dropped_stat.st_size);
      g_assert_true (shown_label (window, left));
      byline_test_save_screenshot (GTK_WIDGET (window), "cover-bytes-left");
    }
    byline_test_wait_for_js (window,
                 "decodeURIComponent(document.querySelector('.article-header .cover')"
                 ".getAttribute('src'))",
                 "dropped.png");

    undo (window);
    wait_for_front_matter (window, "coverImage: big photo-cover.jpg\n");
  }

  close_window (window);
  g_unlink (dropped);
  g_unlink (small);
  g_unlink (big);
  g_unlink (path);
  g_rmdir (dir);
}

/* A field edited before the text was read again (a file just opened, keys typed in the
 * editor a moment ago) lands on what the front matter holds now, and undoes nothing else. */
static void
test_edit_before_render (void)
{
  g_autoptr(BylineDocument) document = byline_document_new ();
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_set_text (buffer, "---\ntitle: Old\ncustom: keep me\ntags: [a, b]\n---\nBody\n", -1);
  /* No render has run: the document's metadata is still empty. */
  byline_document_set_field (document, BYLINE_METADATA_FIELD_DESCRIPTION, "New description");

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (text, "title: Old\n"));
  g_assert_nonnull (strstr (text, "custom: keep me\n"));
  g_assert_nonnull (strstr (text, "description: New description\n"));
  /* The tags stay, written as a flow or as a block list. */
  g_assert_true (strstr (text, "[a, b]") != NULL ||
                 (strstr (text, "- a\n") != NULL && strstr (text, "- b\n") != NULL));
  g_assert_true (g_str_has_suffix (text, "---\nBody\n"));

  /* A broken front matter is never rewritten. */
  gtk_text_buffer_set_text (buffer, "---\ntitle: [unclosed\n---\nBody\n", -1);
  byline_document_set_field (document, BYLINE_METADATA_FIELD_SITE, "https://example.com");
  g_free (text);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "---\ntitle: [unclosed\n---\nBody\n");

  gtk_text_buffer_set_modified (buffer, FALSE);
}

typedef struct
{
  AdwComboRow *row;
  guint        selected;
} SelectedWait;

static gboolean
combo_selected_is (gpointer data)
{
  SelectedWait *wait = data;

  return adw_combo_row_get_selected (wait->row) == wait->selected;
}

/* The content format: a row of four choices written as `contentFormat`; the fourth, a
 * content kept as imported, only for a record whose content Byline cannot write. */
static void
test_content_format (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-panel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pckt.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window = new_window ();
  AdwComboRow *row = ADW_COMBO_ROW (row_titled (window, "Content Format"));
  GListModel *model = adw_combo_row_get_model (row);

  set_row_text (window, "Title", "Formats");
  wait_for_front_matter (window, "title: Formats\n");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  adw_combo_row_set_selected (row, 1);
  wait_for_front_matter (window, "contentFormat: leaflet\n");
  adw_combo_row_set_selected (row, 2);
  wait_for_front_matter (window, "contentFormat: none\n");
  adw_combo_row_set_selected (row, 0);
  wait_for_front_matter (window, "contentFormat: markdown\n");
  close_window (window);

  g_assert_true (g_file_set_contents (path,
                                      "---\n"
                                      "title: Pckt\n"
                                      "site: https://example.com\n"
                                      "recordFields:\n"
                                      "  content:\n"
                                      "    $type: blog.pckt.content\n"
                                      "  textContent: Body.\n"
                                      "---\n"
                                      "Body.\n", -1, NULL));
  window = new_window ();
  row = ADW_COMBO_ROW (row_titled (window, "Content Format"));
  model = adw_combo_row_get_model (row);
  byline_test_open_file (window, file);
  wait_for_front_matter (window, "title: Pckt\n");
  {
    SelectedWait wait = { row, 3 };

    byline_test_wait_until (combo_selected_is, &wait, "the content to be shown as imported");
  }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_true (shown_label (window, "“blog.pckt.content”, which Byline cannot write"));

  adw_combo_row_set_selected (row, 0);
  wait_for_front_matter (window, "contentFormat: markdown\n");
  settle ();
  g_assert_false (shown_label (window, "which Byline cannot write"));
  adw_combo_row_set_selected (row, 3);
  wait_for_front_matter_without (window, "contentFormat");

  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

typedef struct
{
  BylineWindow *window;
  const char   *title;
} RowWait;

static gboolean
row_shown (gpointer data)
{
  RowWait *wait = data;
  GtkWidget *row = find_widget (panel_of (wait->window), is_row_titled, wait->title);

  return row != NULL && shown (row);
}

static GtkWidget *
wait_for_row (BylineWindow *window,
              const char   *title)
{
  RowWait wait = { window, title };
  g_autofree char *what = g_strdup_printf ("a row titled “%s”", title);

  byline_test_wait_until (row_shown, &wait, what);

  return row_titled (window, title);
}

static void
click_in_row (GtkWidget  *row,
              const char *tooltip)
{
  GtkWidget *button = find_widget (row, is_button_with_tooltip, tooltip);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Contributors in the panel: moved, given a role, removed, each one undoable edit of the
 * contributors' lines only; a handle that is not one says so. */
static void
test_contributors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-panel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window;
  GtkWidget *row;
  GtkWidget *role;
  GtkWidget *add;

  g_assert_true (g_file_set_contents (path,
                                      "---\n"
                                      "title: Credits  # kept\n"
                                      "contributors:\n"
                                      "  - did: did:plc:aaaa\n"
                                      "    role: editor\n"
                                      "    displayName: Ann Lee\n"
                                      "  - did: did:plc:bbbb\n"
                                      "    displayName: Bo\n"
                                      "---\n"
                                      "\n"
                                      "Body.\n", -1, NULL));
  window = new_window ();
  byline_test_open_file (window, file);
  wait_for_front_matter (window, "displayName: Bo\n");

  /* Ann Lee moves below Bo. */
  row = wait_for_row (window, "Ann Lee");
  click_in_row (row, "Move Down");
  wait_for_front_matter (window, "  - did: did:plc:bbbb\n    displayName: Bo\n  - did: did:plc:aaaa\n");
  g_assert_cmpstr (front_matter (window), ==,
                   "title: Credits  # kept\n"
                   "contributors:\n"
                   "  - did: did:plc:bbbb\n"
                   "    displayName: Bo\n"
                   "  - did: did:plc:aaaa\n"
                   "    role: editor\n"
                   "    displayName: Ann Lee\n");
  byline_test_wait_for_preview_text (window, "With Bo, Ann Lee (editor)");
  {
    /* The keyboard stays with the row it moved, on the button that still moves it. */
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_nonnull (focus);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (focus), ==, "Move Up");
    g_assert_true (gtk_widget_is_ancestor (focus, row_titled (window, "Ann Lee")));
  }

  /* One step back. */
  undo (window);
  wait_for_front_matter (window, "  - did: did:plc:aaaa\n    role: editor\n    displayName: Ann Lee\n  - did");
  byline_test_wait_for_preview_text (window, "With Ann Lee (editor), Bo");

  /* Bo takes the photos; a role past the lexicon's limit is refused, and said. */
  row = wait_for_row (window, "Bo");
  role = find_widget (row, is_row_titled, "Role");
  g_assert_nonnull (role);
  {
    g_autofree char *long_role = g_strnfill (101, 'x');

    gtk_editable_set_text (GTK_EDITABLE (role), long_role);
    g_signal_emit_by_name (role, "apply");
    wait_for_label (window, "the limit is 100");
    g_assert_null (strstr (front_matter (window), "xxxx"));
  }
  gtk_editable_set_text (GTK_EDITABLE (role), "photos");
  g_signal_emit_by_name (role, "apply");
  wait_for_front_matter (window, "  - did: did:plc:aaaa\n    role: editor\n    displayName: Ann Lee\n"
                                 "  - did: did:plc:bbbb\n    role: photos\n    displayName: Bo\n");
  byline_test_wait_for_preview_text (window, "Bo (photos)");
  row = wait_for_row (window, "Bo");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (find_widget (row, is_row_titled, "Role"));
  byline_test_save_screenshot (GTK_WIDGET (window), "panel-contributors");

  /* Ann Lee is taken off the credits; the last one takes the key with it. */
  click_in_row (wait_for_row (window, "Ann Lee"), "Remove");
  wait_for_front_matter_without (window, "did:plc:aaaa");
  click_in_row (wait_for_row (window, "Bo"), "Remove");
  wait_for_front_matter_without (window, "contributors:");
  g_assert_cmpstr (front_matter (window), ==, "title: Credits  # kept\n");
  g_assert_null (find_widget (panel_of (window), is_row_titled, "Bo"));

  /* Not a handle: said, and nothing is added. */
  add = row_titled (window, "Add by Handle");
  gtk_widget_grab_focus (add);
  gtk_editable_set_text (GTK_EDITABLE (add), "Ann Lee");
  g_signal_emit_by_name (add, "entry-activated");
  wait_for_label (window, "“Ann Lee” is not a handle");
  g_assert_cmpstr (front_matter (window), ==, "title: Credits  # kept\n");

  /* Another article: what was typed for this one goes. */
  {
    g_autofree char *other_path = g_build_filename (dir, "other.md", NULL);
    g_autoptr(GFile) other = g_file_new_for_path (other_path);

    g_assert_true (g_file_set_contents (other_path, "---\ntitle: Other\n---\n\nBody.\n", -1, NULL));
    byline_test_open_file (window, other);
    wait_for_front_matter (window, "title: Other\n");
    wait_for_label_gone (window, "“Ann Lee” is not a handle");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_titled (window, "Add by Handle"))), ==, "");
    close_window (window);
    window = NULL;
    g_unlink (other_path);
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* Content warnings: a switch turns a label on or off in the front matter's list, as one
 * undoable edit; labels without a switch are kept, and named. */
static void
test_labels (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-panel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window;
  GtkWidget *nudity;
  GtkWidget *graphic;

  g_assert_true (g_file_set_contents (path,
                                      "---\n"
                                      "title: Warned\n"
                                      "labels: [nudity, house-rule]  # ours\n"
                                      "---\n"
                                      "\n"
                                      "Body.\n", -1, NULL));
  window = new_window ();
  byline_test_open_file (window, file);
  wait_for_front_matter (window, "labels: [nudity, house-rule]");

  wait_for_label (window, "Also labelled: house-rule");
  nudity = byline_test_find_widget (row_titled (window, "Nudity"), GTK_TYPE_SWITCH);
  graphic = byline_test_find_widget (row_titled (window, "Graphic Media"), GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (nudity)));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (graphic)));

  gtk_switch_set_active (GTK_SWITCH (graphic), TRUE);
  wait_for_front_matter (window, "labels: [nudity, house-rule, graphic-media]  # ours\n");
  gtk_widget_grab_focus (graphic);
  byline_test_save_screenshot (GTK_WIDGET (window), "panel-labels");

  gtk_switch_set_active (GTK_SWITCH (nudity), FALSE);
  wait_for_front_matter (window, "labels: [house-rule, graphic-media]  # ours\n");
  g_assert_cmpstr (front_matter (window), ==,
                   "title: Warned\nlabels: [house-rule, graphic-media]  # ours\n");

  undo (window);
  wait_for_front_matter (window, "labels: [nudity, house-rule, graphic-media]  # ours\n");

  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Local time is India's (UTC+05:30, no daylight saving) so the date test is exact. */
  g_setenv ("TZ", "Asia/Kolkata", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* The test bus has no accessibility registry; GTK's bridge to it only adds warnings. */
  g_setenv ("GTK_A11Y", "none", TRUE);

  g_test_init (&argc, &argv, NULL);

  app = byline_test_app_start ("io.github.byline.Byline.PanelTests");

  g_test_add_func ("/Byline/MetadataPanel/title-limits", test_title_limits);
  g_test_add_func ("/Byline/MetadataPanel/path-follows-title", test_path_follows_title);
  g_test_add_func ("/Byline/MetadataPanel/title-adds-no-path", test_title_adds_no_path);
  g_test_add_func ("/Byline/MetadataPanel/edits-in-place", test_edits_in_place);
  g_test_add_func ("/Byline/MetadataPanel/tags", test_tags);
  g_test_add_func ("/Byline/MetadataPanel/description-site-and-bluesky",
                   test_description_site_and_bluesky);
  g_test_add_func ("/Byline/MetadataPanel/dates", test_dates);
  g_test_add_func ("/Byline/MetadataPanel/content-format", test_content_format);
  g_test_add_func ("/Byline/MetadataPanel/cover-shrink", test_cover_shrink);
  g_test_add_func ("/Byline/MetadataPanel/cover-unreadable", test_cover_unreadable);
  g_test_add_func ("/Byline/MetadataPanel/edit-before-render", test_edit_before_render);
  g_test_add_func ("/Byline/MetadataPanel/contributors", test_contributors);
  g_test_add_func ("/Byline/MetadataPanel/labels", test_labels);

  return byline_test_app_run ();
}
