/* test-recovery.c
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
 * Crash recovery with real processes. Each scenario forks a child that runs the whole
 * application (the same BylineApplication as the `byline` binary) on the suite's display, with
 * the XDG folders GLib's test isolation made for the test and the keyfile settings backend.
 * The first child types into a saved article and into a new one, tells the parent once the
 * drafts are on disk, and is killed with SIGKILL; a second child starts without files and
 * checks that both texts, their cursors and their metadata came back, marked as modified.
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "byline-application.h"
#include "byline-test-articles.h"
#include "byline-test-utils.h"
#include "byline-window.h"

/* The buffer holds a file's text without its final newline, which saving adds back. */
#define SAVED_BODY "---\ntitle: On Disk\n---\n\nThe saved body."
#define SAVED_TEXT SAVED_BODY "\n"
#define TYPED_TEXT "\nA line typed before the crash."
#define NEW_TEXT "---\ntitle: Never Saved\n---\n\nWords that were never saved.\n"

static BylineApplication *app;
static char *test_root;
static char *article_path;
static int ready_fd = -1;
/* The next life starts with the "restore-session" preference off. */
static gboolean no_session_restore;

static char *
drafts_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "io.github.byline.Byline", "drafts", NULL);
}

static char *
document_text (BylineDocument *document)
{
  GtkTextIter begin, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (document), &begin, &end);

  return gtk_text_iter_get_slice (&begin, &end);
}

static BylineWindow *
first_window (void)
{
  for (GList *iter = gtk_application_get_windows (GTK_APPLICATION (app)); iter; iter = iter->next)
    if (BYLINE_IS_WINDOW (iter->data))
      return iter->data;

  return NULL;
}

/* All documents of all windows. */
static GPtrArray *
all_documents (void)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *iter = gtk_application_get_windows (GTK_APPLICATION (app)); iter; iter = iter->next)
    {
      g_autoptr(GPtrArray) these = NULL;

      if (!BYLINE_IS_WINDOW (iter->data))
        continue;

      these = byline_window_dup_documents (iter->data);
      for (guint i = 0; i < these->len; i++)
        g_ptr_array_add (documents, g_object_ref (g_ptr_array_index (these, i)));
    }

  return documents;
}

static gboolean
article_loaded (gpointer data)
{
  BylineWindow *window = first_window ();
  BylineDocument *document;
  g_autofree char *text = NULL;

  if (window == NULL)
    return FALSE;

  document = byline_page_get_document (byline_window_get_page (window));
  text = document_text (document);

  return byline_document_get_file (document) != NULL && g_str_equal (text, SAVED_BODY);
}

/* Whether the drafts folder holds exactly @data's texts, and session.gvariant names them. */
static gboolean
drafts_hold (gpointer data)
{
  const char * const *texts = data;
  g_autofree char *dir_path = drafts_path ();
  g_autofree char *session_path = g_build_filename (g_get_user_data_dir (), "io.github.byline.Byline",
                                                   "session.gvariant", NULL);
  g_autofree char *session = NULL;
  g_autoptr(GDir) dir = NULL;
  gsize session_length = 0;
  guint found = 0;
  guint n = 0;
  const char *name;

  if (!(dir = g_dir_open (dir_path, 0, NULL)) ||
      !g_file_get_contents (session_path, &session, &session_length, NULL))
    return FALSE;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;

      n++;
      if (!g_file_get_contents (path, &contents, NULL, NULL) ||
          !g_strv_contains (texts, contents) ||
          !memmem (session, session_length, name, strlen (name)))
        return FALSE;
      found++;
    }

  return n == g_strv_length ((char **)texts) && found == n;
}

/* First life: type, wait for the drafts, tell the parent, and wait to be killed. */
static gboolean
type_and_wait (gpointer data)
{
  BylineWindow *window;
  BylineDocument *saved;
  GtkTextIter end;
  const char *texts[] = { SAVED_BODY TYPED_TEXT, NEW_TEXT, NULL };

  byline_test_wait_until (article_loaded, NULL, "the article to load");
  window = first_window ();
  saved = byline_page_get_document (byline_window_get_page (window));

  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (saved), &end);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (saved), &end);
  byline_test_type_text (window, TYPED_TEXT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-document", NULL));
  byline_test_type_text (window, NEW_TEXT);

  byline_test_wait_until (drafts_hold, texts, "both drafts to be written");

  /* The writer's file is untouched by drafts. */
  {
    g_autofree char *on_disk = NULL;

    g_assert_true (g_file_get_contents (article_path, &on_disk, NULL, NULL));
    g_assert_cmpstr (on_disk, ==, SAVED_TEXT);
  }

  g_assert_cmpint (write (ready_fd, "R", 1), ==, 1);
  for (;;)
    g_main_context_iteration (NULL, TRUE);

  return G_SOURCE_REMOVE;
}

typedef struct
{
  BylineDocument *saved;
  BylineDocument *unsaved;
} Restored;

static gboolean
documents_restored (gpointer data)
{
  Restored *restored = data;
  g_autoptr(GPtrArray) documents = all_documents ();

  restored->saved = restored->unsaved = NULL;
  if (documents->len != 2)
    return FALSE;

  for (guint i = 0; i < documents->len; i++)
    {
      BylineDocument *document = g_ptr_array_index (documents, i);
      g_autofree char *text = document_text (document);

      if (g_str_equal (text, SAVED_BODY TYPED_TEXT))
        restored->saved = document;
      else if (g_str_equal (text, NEW_TEXT))
        restored->unsaved = document;
    }

  return restored->saved != NULL && restored->unsaved != NULL;
}

static gboolean
title_read (gpointer data)
{
  BylineMetadata *metadata = byline_document_get_metadata (data);

  return g_strcmp0 (byline_metadata_get_string (metadata, BYLINE_METADATA_FIELD_TITLE),
                    "Never Saved") == 0;
}

static gboolean
draft_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
not_modified (gpointer data)
{
  return !gtk_text_buffer_get_modified (data);
}

static int
cursor_offset (BylineDocument *document)
{
  int cursor = -1;

  g_object_get (document, "cursor-position", &cursor, NULL);

  return cursor;
}

/* Second life: everything is back, and saving removes the draft. */
static gboolean
check_restored (gpointer data)
{
  Restored restored = { NULL, NULL };
  g_autofree char *drafts = drafts_path ();
  g_autofree char *draft = NULL;
  g_autofree char *on_disk = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (article_path);
  BylineWindow *window;

  byline_test_wait_until (documents_restored, &restored, "the documents to be restored");

  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (restored.saved)));
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (restored.unsaved)));
  /* The saved article says its text is a restored draft; a new one has nothing to compare. */
  g_assert_true (byline_document_get_draft_restored (restored.saved));
  g_assert_false (byline_document_get_draft_restored (restored.unsaved));
  g_assert_true (g_file_equal (byline_document_get_file (restored.saved), file));
  g_assert_null (byline_document_get_file (restored.unsaved));
  g_assert_cmpint (cursor_offset (restored.saved), ==, g_utf8_strlen (SAVED_BODY TYPED_TEXT, -1));
  g_assert_cmpint (cursor_offset (restored.unsaved), ==, g_utf8_strlen (NEW_TEXT, -1));
  byline_test_wait_until (title_read, restored.unsaved, "the restored front matter to be read");

  g_assert_true (g_file_get_contents (article_path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, SAVED_TEXT);
  g_clear_pointer (&on_disk, g_free);

  /* Saving the article for real removes its draft, and only its draft. */
  g_assert_nonnull (byline_document_get_draft_id (restored.saved));
  g_assert_nonnull (byline_document_get_draft_id (restored.unsaved));
  draft = g_build_filename (drafts, byline_document_get_draft_id (restored.saved), NULL);
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));

  window = first_window ();
  for (GList *iter = gtk_application_get_windows (GTK_APPLICATION (app)); iter; iter = iter->next)
    {
      g_autoptr(GPtrArray) documents = byline_window_dup_documents (iter->data);

      if (g_ptr_array_find (documents, restored.saved, NULL))
        window = iter->data;
    }
  {
    /* Select the article's tab, then save it as the writer would. */
    AdwTabView *tab_view = ADW_TAB_VIEW (gtk_widget_get_ancestor (
      GTK_WIDGET (byline_page_get_view (byline_window_get_page (window))), ADW_TYPE_TAB_VIEW));

    for (guint i = 0; i < adw_tab_view_get_n_pages (tab_view); i++)
      {
        AdwTabPage *tab = adw_tab_view_get_nth_page (tab_view, i);

        if (byline_page_get_document (BYLINE_PAGE (adw_tab_page_get_child (tab))) == restored.saved)
          adw_tab_view_set_selected_page (tab_view, tab);
      }
  }
  g_assert_true (byline_page_get_document (byline_window_get_page (window)) == restored.saved);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  byline_test_wait_until (not_modified, restored.saved, "the article to be saved");
  byline_test_wait_until (draft_gone, draft, "the saved article's draft to be removed");

  g_assert_true (g_file_get_contents (article_path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, SAVED_BODY TYPED_TEXT "\n");
  g_assert_nonnull (byline_document_get_draft_id (restored.unsaved));
  g_clear_pointer (&draft, g_free);
  draft = g_build_filename (drafts, byline_document_get_draft_id (restored.unsaved), NULL);
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));

  _exit (0);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  const char *dir;
  const char *draft_text;
} FailedSave;

static gboolean
error_shown (gpointer data)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (data)) != NULL;
}

/* A save into a folder that cannot take it: an error, and nothing lost. */
static gboolean
save_fails (gpointer data)
{
  FailedSave *failed = data;
  const char *texts[] = { failed->draft_text, NULL };
  BylineWindow *window;
  BylineDocument *document;
  AdwDialog *dialog;
  g_autofree char *drafts = drafts_path ();
  g_autofree char *draft = NULL;
  g_autofree char *contents = NULL;

  byline_test_wait_until (article_loaded, NULL, "the article to load");
  window = first_window ();
  document = byline_page_get_document (byline_window_get_page (window));
  byline_test_type_text (window, TYPED_TEXT);
  byline_test_wait_until (drafts_hold, texts, "the draft to be written");

  if (geteuid () == 0)
    {
      /* Permissions do not stop root: take the folder away instead. */
      g_assert_no_errno (g_unlink (article_path));
      g_assert_no_errno (g_rmdir (failed->dir));
    }
  else
    {
      g_assert_no_errno (g_chmod (article_path, 0444));
      g_assert_no_errno (g_chmod (failed->dir, 0555));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  byline_test_wait_until (error_shown, window, "the error");

  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==,
                   "Could Not Save “article.md”");
  g_assert_nonnull (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)));
  g_assert_cmpstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)), !=, "");

  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  g_assert_nonnull (byline_document_get_draft_id (document));
  draft = g_build_filename (drafts, byline_document_get_draft_id (document), NULL);
  g_assert_true (g_file_get_contents (draft, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, failed->draft_text);

  if (geteuid () != 0)
    {
      g_autofree char *on_disk = NULL;

      g_assert_true (g_file_get_contents (article_path, &on_disk, NULL, NULL));
      g_assert_cmpstr (on_disk, ==, SAVED_TEXT);
      g_chmod (failed->dir, 0755);
    }

  _exit (0);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  BylineDocument *document;
  const char     *text;
} Loaded;

static gboolean
loaded_as (gpointer data)
{
  Loaded *loaded = data;
  g_autofree char *text = document_text (loaded->document);

  return !byline_document_get_file (loaded->document) ? FALSE :
         loaded->text == NULL ? gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (loaded->document)) > 0 :
         g_str_equal (text, loaded->text);
}

static gboolean
watching_file (gpointer data)
{
  return byline_page_get_watching_file (data);
}

static gboolean
changed_on_disk (gpointer data)
{
  return byline_page_get_changed_on_disk (data);
}

static gboolean
front_matter_error_shown (gpointer data)
{
  return byline_document_get_front_matter_error (data) != NULL;
}

static BylineDocument *
open_in_new_tab (BylineWindow *window,
                 const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  byline_window_open_file (window, file);

  return byline_page_get_document (byline_window_get_page (window));
}

static void
save_and_wait (BylineWindow   *window,
               BylineDocument *document)
{
  g_assert_true (byline_page_get_document (byline_window_get_page (window)) == document);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  byline_test_wait_until (not_modified, document, "the save");
}

/* Files that are not what an article should be: each opens with a specific message, or is
 * refused, and what can be edited stays editable. */
static gboolean
open_hostile (gpointer data)
{
  const char *dir = data;
  g_autofree char *latin1 = g_build_filename (dir, "latin1.md", NULL);
  g_autofree char *binary = g_build_filename (dir, "image.md", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.md", NULL);
  g_autofree char *list = g_build_filename (dir, "list.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *big = g_build_filename (dir, "big.md", NULL);
  BylineWindow *window;
  BylineDocument *document;
  AdwDialog *dialog;
  Loaded loaded;
  gsize length = 0;

  byline_test_wait_until (article_loaded, NULL, "the article to load");
  window = first_window ();

  /* Latin-1 is read as such, edited, and saved back in it. */
  document = open_in_new_tab (window, latin1);
  loaded = (Loaded) { document, "---\ntitle: Café\n---\n\nNaïve." };
  byline_test_wait_until (loaded_as, &loaded, "the Latin-1 article to load");
  g_assert_true (byline_document_get_encoding (document) != gtk_source_encoding_get_utf8 ());
  byline_test_type_text (window, "Über ");
  save_and_wait (window, document);
  g_assert_true (g_file_get_contents (latin1, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xdc" "ber ---\ntitle: Caf\xe9\n"));
  g_clear_pointer (&contents, g_free);

  /* Binary data is refused with a message, and leaves an empty, editable tab. */
  document = open_in_new_tab (window, binary);
  byline_test_wait_until (error_shown, window, "the refusal");
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, "Could Not Open the Article");
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)), "is not a text file"));
  adw_dialog_force_close (dialog);
  g_assert_null (byline_document_get_file (document));
  g_assert_cmpint (gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (document)), ==, 0);
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (byline_page_get_view (byline_window_get_page (window)))));

  /* Malformed YAML: the error names the line; saving keeps the broken front matter. */
  document = open_in_new_tab (window, broken);
  loaded = (Loaded) { document, "---\ntitle: [unclosed\n---\n\nBody." };
  byline_test_wait_until (loaded_as, &loaded, "the broken article to load");
  byline_test_wait_until (front_matter_error_shown, document, "the front matter error");
  /* libyaml notices the open "[" where the block ends, on the line after it. */
  g_assert_true (strstr (byline_document_get_front_matter_error (document), "line 2,") ||
                 strstr (byline_document_get_front_matter_error (document), "line 3,"));
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (document), &end);
    gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (document), &end);
  }
  byline_test_type_text (window, " More.");
  save_and_wait (window, document);
  g_assert_true (g_file_get_contents (broken, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "---\ntitle: [unclosed\n---\n\nBody. More.\n");
  g_clear_pointer (&contents, g_free);

  /* A front matter that is a list, not a mapping, is named as such. */
  document = open_in_new_tab (window, list);
  loaded = (Loaded) { document, "---\n- one\n- two\n---\n\nBody." };
  byline_test_wait_until (loaded_as, &loaded, "the list article to load");
  byline_test_wait_until (front_matter_error_shown, document, "the front matter error");
  g_assert_nonnull (strstr (byline_document_get_front_matter_error (document), "line"));

  /* A symbolic link is saved through: the link stays, its target changes and keeps its mode. */
  {
    g_autofree char *link = g_build_filename (dir, "link.md", NULL);
    g_autofree char *target = g_build_filename (dir, "target.md", NULL);
    GStatBuf st;

    document = open_in_new_tab (window, link);
    loaded = (Loaded) { document, "Target." };
    byline_test_wait_until (loaded_as, &loaded, "the linked article to load");
    byline_test_type_text (window, "Linked. ");
    save_and_wait (window, document);
    g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
    g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "Linked. Target.\n");
    g_clear_pointer (&contents, g_free);
    g_assert_no_errno (g_stat (target, &st));
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  }

  /* Another program rewrites the article: the page asks; Reload can be undone. */
  document = open_in_new_tab (window, article_path);
  loaded = (Loaded) { document, SAVED_BODY };
  byline_test_wait_until (loaded_as, &loaded, "the article to be shown");
  g_assert_false (byline_page_get_changed_on_disk (byline_window_get_page (window)));
  /* The page learns the file's etag asynchronously after a load or a reload: a rewrite before
   * that would pass for the loaded file. */
  byline_test_wait_until (watching_file, byline_window_get_page (window), "the file's etag");
  g_assert_true (g_file_set_contents (article_path, "Rewritten elsewhere.\n", -1, NULL));
  byline_test_wait_until (changed_on_disk, byline_window_get_page (window), "the changed-file banner");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (byline_window_get_page (window)), "page.reload", NULL));
  loaded = (Loaded) { document, "Rewritten elsewhere." };
  byline_test_wait_until (loaded_as, &loaded, "the reload");
  g_assert_false (byline_page_get_changed_on_disk (byline_window_get_page (window)));
  g_assert_true (gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (document)));
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (document));
  {
    g_autofree char *text = document_text (document);

    g_assert_cmpstr (text, ==, SAVED_BODY);
  }

  /* Keep Mine: the banner goes, the text stays. */
  /* The page learns the file's etag asynchronously after a load or a reload: a rewrite before
   * that would pass for the loaded file. */
  byline_test_wait_until (watching_file, byline_window_get_page (window), "the file's etag");
  g_assert_true (g_file_set_contents (article_path, "Rewritten again.\n", -1, NULL));
  byline_test_wait_until (changed_on_disk, byline_window_get_page (window), "the changed-file banner");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (byline_window_get_page (window)), "page.keep-mine", NULL));
  g_assert_false (byline_page_get_changed_on_disk (byline_window_get_page (window)));
  {
    g_autofree char *text = document_text (document);

    g_assert_cmpstr (text, ==, SAVED_BODY);
  }

  /* Saving over a newer file asks first; Save Anyway writes the writer's text. */
  /* The page learns the file's etag asynchronously after a load or a reload: a rewrite before
   * that would pass for the loaded file. */
  byline_test_wait_until (watching_file, byline_window_get_page (window), "the file's etag");
  g_assert_true (g_file_set_contents (article_path, "Rewritten a third time.\n", -1, NULL));
  byline_test_wait_until (changed_on_disk, byline_window_get_page (window), "the changed-file banner");
  byline_test_type_text (window, "Mine: ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  byline_test_wait_until (error_shown, window, "the question");
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, "Save Over the Newer File?");
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  /* What clicking the button emits: the detailed signal. */
  g_signal_emit_by_name (dialog, "response::overwrite", "overwrite");
  adw_dialog_force_close (dialog);
  byline_test_wait_until (not_modified, document, "the save");
  g_assert_false (byline_page_get_changed_on_disk (byline_window_get_page (window)));
  g_assert_true (g_file_get_contents (article_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Mine: " SAVED_BODY "\n");
  g_clear_pointer (&contents, g_free);

  /* The 5 MB article opens and takes typing. */
  document = open_in_new_tab (window, big);
  loaded = (Loaded) { document, NULL };
  byline_test_wait_until (loaded_as, &loaded, "the 5 MB article to load");
  byline_test_type_text (window, "x");
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (document), FALSE);

  _exit (0);
  return G_SOURCE_REMOVE;
}

/* Finding what the window shows */

typedef gboolean (*WidgetTest) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetTest     test,
             gconstpointer  data)
{
  if (test (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, test, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_button_with (GtkWidget     *widget,
                gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* Whether a label holding @text is on screen: not in a hidden bar. */
static gboolean
label_shown (BylineWindow *window,
             const char   *text)
{
  GtkWidget *label = find_widget (GTK_WIDGET (window), is_label_with, text);
  GtkWidget *revealer;

  if (label == NULL || !gtk_widget_is_visible (label))
    return FALSE;

  revealer = gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER);

  return revealer == NULL || gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

typedef struct
{
  BylineWindow *window;
  const char   *text;
} Shown;

static gboolean
shown_cb (gpointer data)
{
  Shown *shown = data;

  return label_shown (shown->window, shown->text);
}

static void
wait_for_label (BylineWindow *window,
                const char   *text)
{
  Shown shown = { window, text };

  byline_test_wait_until (shown_cb, &shown, text);
}

static gboolean
undo_offered (gpointer data)
{
  return find_widget (data, is_button_with, "_Undo") != NULL;
}

/* Clicks the Undo of the toast now shown. */
static void
click_undo (BylineWindow *window)
{
  byline_test_wait_until (undo_offered, window, "the toast's Undo");
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_with, "_Undo"), "clicked");
}

static gboolean
text_is (gpointer data)
{
  Loaded *loaded = data;
  g_autofree char *text = document_text (loaded->document);

  return g_str_equal (text, loaded->text);
}

static void
wait_for_text (BylineDocument *document,
               const char     *text)
{
  Loaded loaded = { document, text };

  byline_test_wait_until (text_is, &loaded, text);
}

/* A draft while typing: a writer who never pauses */

typedef struct
{
  BylineWindow *window;
  gint64        until;
  guint         words;
  gboolean      stopped;
} Typist;

static gboolean
type_word_cb (gpointer data)
{
  Typist *typist = data;

  if (g_get_monotonic_time () >= typist->until)
    {
      typist->stopped = TRUE;
      return G_SOURCE_REMOVE;
    }

  byline_test_type_text (typist->window, typist->words++ == 0 ? "First " : "word ");

  return G_SOURCE_CONTINUE;
}

/* Whether some draft holds the first word typed, or the typist has stopped. */
static gboolean
draft_or_stopped (gpointer data)
{
  Typist *typist = data;
  g_autofree char *dir_path = drafts_path ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (typist->stopped)
    return TRUE;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, "First "))
        return TRUE;
    }

  return FALSE;
}

/* A word every 50 ms for up to 8 s, far longer than the autosave delay, without a pause:
 * the draft must not wait for one. */
static gboolean
type_without_pause (gpointer data)
{
  Typist typist = { NULL, 0, 0, FALSE };
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  guint source;

  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-delay"), <, 8);

  byline_test_wait_until (article_loaded, NULL, "the article to load");
  typist.window = first_window ();
  typist.until = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;
  source = g_timeout_add (50, type_word_cb, &typist);
  byline_test_wait_until (draft_or_stopped, &typist, "a draft or the end of the typing");
  g_assert_false (typist.stopped);
  g_source_remove (source);
  g_assert_cmpuint (typist.words, >, 1);

  _exit (0);
  return G_SOURCE_REMOVE;
}

/* Reopening the file after a crash, without the session */

static gboolean
draft_restored (gpointer data)
{
  return byline_document_get_draft_restored (data);
}

static gboolean
window_shown (gpointer data)
{
  return first_window () != NULL;
}

static gboolean
session_names (gpointer data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "io.github.byline.Byline",
                                           "session.gvariant", NULL);
  g_autofree char *session = NULL;
  gsize length = 0;

  return g_file_get_contents (path, &session, &length, NULL) &&
         memmem (session, length, data, strlen (data)) != NULL;
}

static gboolean
check_reopened (gpointer data)
{
  BylineWindow *window;
  BylineDocument *document;
  g_autofree char *drafts = drafts_path ();
  g_autofree char *draft = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *draft_id = NULL;

  byline_test_wait_until (window_shown, NULL, "the window");
  window = first_window ();
  document = byline_page_get_document (byline_window_get_page (window));

  /* The draft comes back over the saved text, unsaved, and the page says so. */
  byline_test_wait_until (draft_restored, document, "the draft to be restored");
  wait_for_text (document, SAVED_BODY TYPED_TEXT);
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  wait_for_label (window, "Unsaved changes from before Byline closed were restored");
  g_assert_true (g_file_get_contents (article_path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, SAVED_TEXT);

  /* The session keeps it: another crash now loses nothing. */
  g_assert_nonnull (byline_document_get_draft_id (document));
  draft_id = g_strdup (byline_document_get_draft_id (document));
  draft = g_build_filename (drafts, draft_id, NULL);
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));
  byline_test_wait_until (session_names, draft_id, "the session to name the draft");

  /* Discard shows the saved file again, and says so with an Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (byline_window_get_page (window)),
                                             "page.discard-draft", NULL));
  wait_for_text (document, SAVED_BODY);
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  g_assert_false (byline_document_get_draft_restored (document));
  wait_for_label (window, "Restored changes discarded");
  byline_test_wait_until (draft_gone, draft, "the discarded draft to be removed");

  click_undo (window);
  wait_for_text (document, SAVED_BODY TYPED_TEXT);
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));

  _exit (0);
  return G_SOURCE_REMOVE;
}

/* The same from inside the application: Open Recent in a window that starts empty. */
static gboolean
open_recent_restores (gpointer data)
{
  g_autofree char *uri = g_filename_to_uri (article_path, NULL, NULL);
  BylineWindow *window;
  BylineDocument *document;

  byline_test_wait_until (window_shown, NULL, "the window");
  window = first_window ();
  document = byline_page_get_document (byline_window_get_page (window));
  g_assert_null (byline_document_get_file (document));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri));
  document = byline_page_get_document (byline_window_get_page (window));
  byline_test_wait_until (draft_restored, document, "the draft to be restored");
  wait_for_text (document, SAVED_BODY TYPED_TEXT);
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  wait_for_label (window, "Unsaved changes from before Byline closed were restored");

  /* Keep: the bar goes, the draft stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (byline_window_get_page (window)),
                                             "page.keep-draft", NULL));
  g_assert_false (label_shown (window, "Unsaved changes from before Byline closed were restored"));
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));

  _exit (0);
  return G_SOURCE_REMOVE;
}

/* Reload with unsaved edits: it says so, and Undo brings them back */

static gboolean
reload_unsaved (gpointer data)
{
  BylineWindow *window;
  BylinePage *page;
  BylineDocument *document;

  byline_test_wait_until (article_loaded, NULL, "the article to load");
  window = first_window ();
  page = byline_window_get_page (window);
  document = byline_page_get_document (page);

  /* The page learns the file's etag asynchronously after a load: a rewrite before that would
   * pass for the loaded file. */
  byline_test_wait_until (watching_file, page, "the file's etag");
  g_assert_true (g_file_set_contents (article_path, "Rewritten elsewhere.\n", -1, NULL));
  byline_test_wait_until (changed_on_disk, page, "the changed-file banner");
  wait_for_label (window, "The file was changed by another program");
  g_assert_false (label_shown (window, "Reloading discards your unsaved changes"));

  byline_test_type_text (window, "Mine. ");
  wait_for_label (window, "Reloading discards your unsaved changes");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.reload", NULL));
  wait_for_text (document, "Rewritten elsewhere.");
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  wait_for_label (window, "your unsaved changes were discarded");

  click_undo (window);
  wait_for_text (document, "Mine. " SAVED_BODY);
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));

  _exit (0);
  return G_SOURCE_REMOVE;
}

/* Two files on the command line: two tabs of one window */

static gboolean
two_documents_loaded (gpointer data)
{
  g_autoptr(GPtrArray) documents = all_documents ();
  guint loaded = 0;

  for (guint i = 0; i < documents->len; i++)
    if (byline_document_get_file (g_ptr_array_index (documents, i)) != NULL &&
        gtk_text_buffer_get_char_count (g_ptr_array_index (documents, i)) > 0)
      loaded++;

  return loaded == 2;
}

static gboolean
check_two_tabs (gpointer data)
{
  guint windows = 0;

  byline_test_wait_until (two_documents_loaded, NULL, "both articles to load");
  for (GList *iter = gtk_application_get_windows (GTK_APPLICATION (app)); iter; iter = iter->next)
    if (BYLINE_IS_WINDOW (iter->data))
      windows++;
  g_assert_cmpuint (windows, ==, 1);

  {
    g_autoptr(GPtrArray) documents = byline_window_dup_documents (first_window ());

    g_assert_cmpuint (documents->len, ==, 2);
  }

  _exit (0);
  return G_SOURCE_REMOVE;
}

static GSourceFunc pending_step;
static gpointer pending_data;

/* Once the application has opened its windows, not from a nested loop of its start-up. */
static void
start_step (void)
{
  if (pending_step != NULL)
    g_idle_add (g_steal_pointer (&pending_step), pending_data);
}

/* Runs the application in a child process on @files (%NULL-terminated, or %NULL); @step runs
 * once it is up. */
static GPid
spawn_life_with (const char * const *files,
                 GSourceFunc         step,
                 gpointer            data)
{
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();

      g_ptr_array_add (argv, (char *)"byline");
      for (guint i = 0; files != NULL && files[i] != NULL; i++)
        g_ptr_array_add (argv, (char *)files[i]);
      g_ptr_array_add (argv, NULL);

      if (no_session_restore)
        {
          g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

          g_settings_set_boolean (settings, "restore-session", FALSE);
          g_settings_sync ();
        }

      /* Both lives are the same application: no single-instance hand-over between them. */
      app = byline_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
      pending_step = step;
      pending_data = data;
      g_signal_connect_after (app, "activate", G_CALLBACK (start_step), NULL);
      g_signal_connect_after (app, "open", G_CALLBACK (start_step), NULL);
      g_application_run (G_APPLICATION (app), argv->len - 1, (char **)argv->pdata);
      _exit (3);
    }

  return pid;
}

static GPid
spawn_life (const char  *file,
            GSourceFunc  step,
            gpointer     data)
{
  const char *files[] = { file, NULL };

  return spawn_life_with (file ? files : NULL, step, data);
}

static int
wait_child (pid_t pid)
{
  int status = 0;

  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;

  return status;
}

/* A home of the test's own: the parent never asks GLib for these folders, so each child reads
 * them from the environment afresh. */
static char *
isolate (const char *name)
{
  g_autofree char *data = g_build_filename (test_root, name, "data", NULL);
  g_autofree char *config = g_build_filename (test_root, name, "config", NULL);

  g_assert_no_errno (g_mkdir_with_parents (data, 0700));
  g_assert_no_errno (g_mkdir_with_parents (config, 0700));
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  return g_build_filename (test_root, name, "articles", NULL);
}

static void
write_article (const char *dir)
{
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  g_free (article_path);
  article_path = g_build_filename (dir, "article.md", NULL);
  g_file_set_contents (article_path, SAVED_TEXT, -1, &error);
  g_assert_no_error (error);
}

static void
test_recovery_after_sigkill (void)
{
  g_autofree char *dir = isolate ("sigkill");
  struct pollfd ready = { 0, POLLIN, 0 };
  int fds[2];
  char byte = 0;
  pid_t pid;
  int status;

  write_article (dir);

  g_assert_no_errno (pipe (fds));
  ready_fd = fds[1];
  pid = spawn_life (article_path, type_and_wait, NULL);
  close (fds[1]);

  ready.fd = fds[0];
  if (poll (&ready, 1, 2 * BYLINE_TEST_WAIT_LIMIT_SECONDS * 1000) != 1 || read (fds[0], &byte, 1) != 1)
    {
      kill (pid, SIGKILL);
      wait_child (pid);
      g_error ("The first life never wrote its drafts");
    }
  close (fds[0]);

  g_assert_no_errno (kill (pid, SIGKILL));
  status = wait_child (pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

  pid = spawn_life (NULL, check_restored, NULL);
  status = wait_child (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
assert_life_passes (pid_t pid)
{
  int status = wait_child (pid);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* Runs a first life that types into the article and a new one and is killed once both drafts
 * are written. */
static void
crash_after_typing (void)
{
  struct pollfd ready = { 0, POLLIN, 0 };
  int fds[2];
  char byte = 0;
  pid_t pid;
  int status;

  g_assert_no_errno (pipe (fds));
  ready_fd = fds[1];
  pid = spawn_life (article_path, type_and_wait, NULL);
  close (fds[1]);

  ready.fd = fds[0];
  if (poll (&ready, 1, 2 * BYLINE_TEST_WAIT_LIMIT_SECONDS * 1000) != 1 || read (fds[0], &byte, 1) != 1)
    {
      kill (pid, SIGKILL);
      wait_child (pid);
      g_error ("The first life never wrote its drafts");
    }
  close (fds[0]);

  g_assert_no_errno (kill (pid, SIGKILL));
  status = wait_child (pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
}

static void
test_draft_while_typing (void)
{
  g_autofree char *dir = isolate ("typing");

  write_article (dir);
  assert_life_passes (spawn_life (article_path, type_without_pause, NULL));
}

/* `byline FILE` after a crash, as a file manager reopens an article: without the session
 * (the preference is off), the draft is found by the file's path. */
static void
test_reopen_file_after_sigkill (void)
{
  g_autofree char *dir = isolate ("reopen");

  write_article (dir);
  crash_after_typing ();

  no_session_restore = TRUE;
  assert_life_passes (spawn_life (article_path, check_reopened, NULL));
  no_session_restore = FALSE;
}

/* `byline FILE` after a crash, with the session preference on: the other tab's unsaved work
 * comes back too, and the file is not opened twice. */
static void
test_reopen_file_with_session (void)
{
  g_autofree char *dir = isolate ("reopen-session");

  write_article (dir);
  crash_after_typing ();
  assert_life_passes (spawn_life (article_path, check_restored, NULL));
}

static void
saved_to_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (byline_document_save_finish (BYLINE_DOCUMENT (object), result, &error));
  g_assert_no_error (error);
}

/* Second life after the article's folder went out of reach, as the document portal's
 * /run/user/UID/doc/ID/ does when the portal forgets the article: its unsaved text comes back
 * as a new article that says which file it came from and why that could not be reopened,
 * never dropped; saving it under a new name keeps it. */
static gboolean
check_lost_file (gpointer data)
{
  const char *lost_path = data;
  Restored restored = { NULL, NULL };
  g_autofree char *drafts = drafts_path ();
  g_autofree char *draft = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *new_path = g_build_filename (test_root, "portal", "kept.md", NULL);
  g_autofree char *on_disk = NULL;
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  BylineWindow *window = NULL;

  byline_test_wait_until (documents_restored, &restored, "the documents to be restored");

  g_assert_null (byline_document_get_file (restored.saved));
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (restored.saved)));
  g_assert_false (byline_document_get_draft_restored (restored.saved));
  expected = g_strdup_printf ("“%s” could not be reopened: it is gone. Its unsaved changes are "
                              "kept here; save them under a name to keep them.", lost_path);
  g_assert_cmpstr (byline_document_get_lost_file (restored.saved), ==, expected);
  g_assert_null (byline_document_get_lost_file (restored.unsaved));

  /* Its draft is still on disk, under the session's name for it. */
  g_assert_nonnull (byline_document_get_draft_id (restored.saved));
  draft = g_build_filename (drafts, byline_document_get_draft_id (restored.saved), NULL);
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));

  /* The page says so, above the text. */
  for (GList *iter = gtk_application_get_windows (GTK_APPLICATION (app)); iter; iter = iter->next)
    {
      g_autoptr(GPtrArray) documents = NULL;

      if (!BYLINE_IS_WINDOW (iter->data))
        continue;
      documents = byline_window_dup_documents (iter->data);
      if (g_ptr_array_find (documents, restored.saved, NULL))
        window = iter->data;
    }
  g_assert_nonnull (window);
  {
    AdwTabView *tab_view = ADW_TAB_VIEW (gtk_widget_get_ancestor (
      GTK_WIDGET (byline_page_get_view (byline_window_get_page (window))), ADW_TYPE_TAB_VIEW));

    for (guint i = 0; i < adw_tab_view_get_n_pages (tab_view); i++)
      {
        AdwTabPage *tab = adw_tab_view_get_nth_page (tab_view, i);

        if (byline_page_get_document (BYLINE_PAGE (adw_tab_page_get_child (tab))) == restored.saved)
          adw_tab_view_set_selected_page (tab_view, tab);
      }
  }
  wait_for_label (window, expected);
  byline_test_save_screenshot (GTK_WIDGET (window), "recovery-lost-file");

  /* Saved under a new name, the text is the file's and the notice goes. */
  byline_document_save_async (restored.saved, new_file, NULL, saved_to_cb, NULL);
  byline_test_wait_until (not_modified, restored.saved, "the article to be saved");
  g_assert_null (byline_document_get_lost_file (restored.saved));
  g_assert_true (g_file_get_contents (new_path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, SAVED_BODY TYPED_TEXT "\n");

  _exit (0);
  return G_SOURCE_REMOVE;
}

static void
test_portal_path_gone (void)
{
  g_autofree char *articles = isolate ("portal");
  g_autofree char *doc = g_build_filename (articles, "doc", "4e2a7c1f", NULL);
  g_autofree char *forgotten = g_build_filename (articles, "doc", "forgotten", NULL);
  g_autofree char *lost_path = NULL;

  write_article (doc);
  lost_path = g_strdup (article_path);
  crash_after_typing ();
  g_assert_no_errno (g_rename (doc, forgotten));
  assert_life_passes (spawn_life (NULL, check_lost_file, lost_path));
}

static void
test_open_recent_after_sigkill (void)
{
  g_autofree char *dir = isolate ("open-recent");

  write_article (dir);
  crash_after_typing ();

  no_session_restore = TRUE;
  assert_life_passes (spawn_life (NULL, open_recent_restores, NULL));
  no_session_restore = FALSE;
}

static void
test_reload_unsaved (void)
{
  g_autofree char *dir = isolate ("reload");

  write_article (dir);
  assert_life_passes (spawn_life (article_path, reload_unsaved, NULL));
}

static void
test_two_files_one_window (void)
{
  g_autofree char *dir = isolate ("two-files");
  g_autofree char *second = NULL;
  const char *files[3] = { NULL, NULL, NULL };

  write_article (dir);
  second = g_build_filename (dir, "second.md", NULL);
  g_assert_true (g_file_set_contents (second, "The second article.\n", -1, NULL));
  files[0] = article_path;
  files[1] = second;
  assert_life_passes (spawn_life_with (files, check_two_tabs, NULL));
}

static void
test_failed_save_keeps_everything (void)
{
  g_autofree char *dir = isolate ("failed-save");
  FailedSave failed = { dir, SAVED_BODY TYPED_TEXT };
  int status;
  pid_t pid;

  write_article (dir);

  /* The cursor starts at the top: what is typed goes first. */
  failed.draft_text = TYPED_TEXT SAVED_BODY;
  pid = spawn_life (article_path, save_fails, &failed);
  status = wait_child (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_hostile_files (void)
{
  g_autofree char *dir = isolate ("hostile");
  g_autofree char *path = NULL;
  g_autofree char *long_article = byline_test_long_article (5 * 1024 * 1024, TRUE);
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff" "a";
  int status;
  pid_t pid;

  write_article (dir);
  path = g_build_filename (dir, "latin1.md", NULL);
  g_assert_true (g_file_set_contents (path, "---\ntitle: Caf\xe9\n---\n\nNa\xefve.\n", -1, NULL));
  g_free (path);
  path = g_build_filename (dir, "image.md", NULL);
  g_assert_true (g_file_set_contents (path, binary, sizeof binary, NULL));
  g_free (path);
  path = g_build_filename (dir, "broken.md", NULL);
  g_assert_true (g_file_set_contents (path, "---\ntitle: [unclosed\n---\n\nBody.\n", -1, NULL));
  g_free (path);
  path = g_build_filename (dir, "list.md", NULL);
  g_assert_true (g_file_set_contents (path, "---\n- one\n- two\n---\n\nBody.\n", -1, NULL));
  g_free (path);
  path = g_build_filename (dir, "target.md", NULL);
  g_assert_true (g_file_set_contents (path, "Target.\n", -1, NULL));
  g_assert_no_errno (g_chmod (path, 0640));
  g_free (path);
  path = g_build_filename (dir, "link.md", NULL);
  g_assert_no_errno (symlink ("target.md", path));
  g_free (path);
  path = g_build_filename (dir, "big.md", NULL);
  g_assert_true (g_file_set_contents (path, long_article, -1, NULL));

  pid = spawn_life (article_path, open_hostile, dir);
  status = wait_child (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Settings persist between the two lives, as they do for a writer. */
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  /* Each life starts GTK afresh and would look up the accessibility bus again; these tests do not
   * need it, and a bus another test run on the machine took down must not fail them. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);
  test_root = g_dir_make_tmp ("byline-recovery-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/recovery/sigkill", test_recovery_after_sigkill);
  g_test_add_func ("/recovery/failed-save", test_failed_save_keeps_everything);
  g_test_add_func ("/recovery/hostile-files", test_hostile_files);
  g_test_add_func ("/recovery/draft-while-typing", test_draft_while_typing);
  g_test_add_func ("/recovery/reopen-file", test_reopen_file_after_sigkill);
  g_test_add_func ("/recovery/reopen-file-with-session", test_reopen_file_with_session);
  g_test_add_func ("/recovery/open-recent", test_open_recent_after_sigkill);
  g_test_add_func ("/recovery/reload-unsaved", test_reload_unsaved);
  g_test_add_func ("/recovery/two-files-one-window", test_two_files_one_window);
  g_test_add_func ("/recovery/portal-path-gone", test_portal_path_gone);

  status = g_test_run ();
  if (status == 0)
    {
      g_autoptr(GFile) root = g_file_new_for_path (test_root);
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", test_root);

      if (system (command) != 0)
        g_warning ("Could not remove %s", test_root);
    }

  return status;
}
