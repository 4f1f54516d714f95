/* test-checklist-ui.c
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
 * The review checklist in the real window: F7 (win.checklist) shows it in the side panel with
 * what to look at, each row going to its place (a line and column of the editor, a field of
 * the details); it follows the text; the publish dialog shows it too, and a row there closes
 * the dialog and goes to the place; the shortcuts window lists F7.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "byline-application.h"
#include "byline-checklist-view.h"
#include "byline-metadata-panel.h"
#include "byline-page.h"
#include "byline-publication-dialog.h"
#include "byline-publish-dialog.h"
#include "byline-test-utils.h"
#include "byline-window.h"

static BylineApplication *app;

static const char article[] =
  "---\n"
  "title: Night Train\n"
  "site: https://example.org\n"
  "---\n"
  "\n"
  "The train left at ten ![](images/car.png) and\n"
  "arrived {++late++}, see [the map](map.pdf).\n";

typedef struct
{
  GtkListBox *list_box;
  guint       n_rows;
} RowsWait;

static guint
n_rows (GtkListBox *list_box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list_box, n) != NULL)
    n++;

  return n;
}

static gboolean
has_rows (gpointer data)
{
  RowsWait *wait = data;

  return n_rows (wait->list_box) == wait->n_rows &&
         gtk_widget_get_mapped (GTK_WIDGET (wait->list_box)) == (wait->n_rows > 0);
}

static void
wait_for_rows (GtkListBox *list_box,
               guint       n)
{
  byline_test_wait_until (has_rows, &(RowsWait) { list_box, n },
                          "the checklist to follow the text");
}

static const char *
row_title (GtkListBox *list_box,
           guint       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, index);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static const char *
row_subtitle (GtkListBox *list_box,
              guint       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, index);

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The row titled @title. */
static GtkListBoxRow *
find_row (GtkListBox *list_box,
          const char *title)
{
  for (guint i = 0; i < n_rows (list_box); i++)
    if (g_strcmp0 (row_title (list_box, i), title) == 0)
      return gtk_list_box_get_row_at_index (list_box, i);

  g_error ("No checklist row “%s”", title);
  return NULL;
}

static void
assert_cursor (GtkTextBuffer *buffer,
               guint          line,
               guint          column)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&iter) + 1, ==, line);
  g_assert_cmpint (gtk_text_iter_get_line_offset (&iter) + 1, ==, column);
}

static char *
make_article (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-checklist-ui-XXXXXX", &error);
  g_autofree char *images = NULL;
  g_autofree char *image = NULL;
  char *path;

  g_assert_no_error (error);
  images = g_build_filename (dir, "images", NULL);
  image = g_build_filename (images, "car.png", NULL);
  path = g_build_filename (dir, "night-train.md", NULL);
  g_assert_cmpint (g_mkdir (images, 0700), ==, 0);
  g_file_set_contents (image, "png", 3, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, article, -1, &error);
  g_assert_no_error (error);

  return path;
}

static void
remove_article (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *image = g_build_filename (images, "car.png", NULL);

  g_remove (image);
  g_remove (path);
  g_rmdir (images);
  g_rmdir (dir);
}

static gboolean
focus_in (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
test_side_panel (void)
{
  g_autofree char *path = make_article ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  BylineChecklistView *checklist;
  GtkListBox *list_box;
  GtkTextBuffer *buffer;
  GtkWidget *stack;
  GtkWidget *panel;
  GtkWidget *focus;
  GtkTextIter iter;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));

  checklist = BYLINE_CHECKLIST_VIEW (byline_test_find_widget (GTK_WIDGET (window),
                                                             BYLINE_TYPE_CHECKLIST_VIEW));
  list_box = byline_checklist_view_get_list_box (checklist);
  stack = gtk_widget_get_ancestor (GTK_WIDGET (checklist), ADW_TYPE_VIEW_STACK);

  /* The action shows the side panel's Checklist page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.checklist", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==,
                   "checklist");

  /* Blockers first, then in the order of the article, each with its place. */
  wait_for_rows (list_box, 4);
  g_assert_cmpstr (row_title (list_box, 0), ==, "Suggestion or comment left");
  g_assert_true (g_str_has_suffix (row_subtitle (list_box, 0), "Line 7, column 9"));
  g_assert_cmpstr (row_title (list_box, 1), ==, "No description");
  g_assert_true (g_str_has_suffix (row_subtitle (list_box, 1), "Details: Description"));
  g_assert_cmpstr (row_title (list_box, 2), ==, "Image without alternative text");
  g_assert_true (g_str_has_suffix (row_subtitle (list_box, 2), "Line 6, column 27"));
  g_assert_cmpstr (row_title (list_box, 3), ==, "Link to a missing file");
  g_assert_true (g_str_has_suffix (row_subtitle (list_box, 3), "Line 7, column 35"));
  g_assert_true (byline_checklist_view_get_has_blockers (checklist));
  byline_test_wait_for_label (GTK_WIDGET (checklist), "4 things to look at, 1 blocks publishing");
  byline_test_save_screenshot (GTK_WIDGET (window), "checklist.png");

  /* A row goes to its line and column in the editor. */
  g_signal_emit_by_name (list_box, "row-activated",
                         find_row (list_box, "Image without alternative text"));
  assert_cursor (buffer, 6, 27);
  byline_test_wait_until (focus_in, byline_page_get_view (byline_window_get_page (window)),
                          "the editor to take the focus");

  /* A field goes to its row in the details. */
  g_signal_emit_by_name (list_box, "row-activated", find_row (list_box, "No description"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "details");
  panel = byline_test_find_widget (GTK_WIDGET (window), BYLINE_TYPE_METADATA_PANEL);
  byline_test_wait_until (focus_in, panel, "the details to take the focus");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  /* The description's own text view, not the editor's. */
  g_assert_true (GTK_IS_TEXT_VIEW (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_TEXT_VIEW));
  g_assert_false (GTK_SOURCE_IS_VIEW (focus));

  /* Back to the list: it follows the text. Alternative text takes one item away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.checklist", NULL));
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 5, 24);
  gtk_text_buffer_insert (buffer, &iter, "A sleeper car", -1);
  wait_for_rows (list_box, 3);
  g_assert_cmpstr (row_title (list_box, 2), ==, "Link to a missing file");

  byline_test_close_window (window);
  remove_article (path);
}

static gboolean
dialog_closed (gpointer data)
{
  return adw_application_window_get_visible_dialog (data) == NULL;
}

static void
test_publish_dialog (void)
{
  g_autofree char *path = make_article ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  BylineChecklistView *checklist;
  AdwDialog *dialog;
  GtkListBox *list_box;
  GtkTextBuffer *buffer;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (BYLINE_IS_PUBLISH_DIALOG (dialog));
  checklist = BYLINE_CHECKLIST_VIEW (byline_test_find_widget (GTK_WIDGET (dialog),
                                                             BYLINE_TYPE_CHECKLIST_VIEW));
  list_box = byline_checklist_view_get_list_box (checklist);
  wait_for_rows (list_box, 4);
  g_assert_true (byline_checklist_view_get_has_blockers (checklist));

  /* A row closes the dialog and goes to the place. */
  g_signal_emit_by_name (list_box, "row-activated",
                         find_row (list_box, "Suggestion or comment left"));
  byline_test_wait_until (dialog_closed, window, "the publish dialog to close");
  assert_cursor (buffer, 7, 9);

  byline_test_close_window (window);
  remove_article (path);
}

typedef struct
{
  GtkTextBuffer *buffer;
  const char    *needle;
} TextWait;

static gboolean
has_text (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = byline_test_buffer_text (wait->buffer);

  return strstr (text, wait->needle) != NULL;
}

/* The button labelled @label inside @root. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* An image over the blob limit is offered a smaller copy, as the cover is: Shrink writes it
 * beside the image and the reference points at it, as one undoable edit. */
static void
test_shrink_image (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-checklist-shrink-XXXXXX", &error);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *big = g_build_filename (images, "big photo.png", NULL);
  g_autofree char *small = g_build_filename (images, "big photo-small.jpg", NULL);
  g_autofree char *path = g_build_filename (dir, "photo.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkPixbuf) noise = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 800, 800);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  BylineChecklistView *checklist;
  GtkListBox *list_box;
  GtkTextBuffer *buffer;
  GStatBuf st;
  guchar *pixels = gdk_pixbuf_get_pixels (noise);

  g_assert_no_error (error);
  /* Noise does not compress: well over a megabyte as PNG. */
  for (guint i = 0; i < 800 * (guint)gdk_pixbuf_get_rowstride (noise); i++)
    pixels[i] = g_rand_int_range (rand, 0, 256);
  g_assert_cmpint (g_mkdir (images, 0700), ==, 0);
  gdk_pixbuf_save (noise, big, "png", &error, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (big, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1000000);
  g_file_set_contents (path, "---\ntitle: Photo\ndescription: One\nsite: https://example.org\n"
                       "---\n\n![The harbour](images/big%20photo.png)\n", -1, &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  checklist = BYLINE_CHECKLIST_VIEW (byline_test_find_widget (GTK_WIDGET (window),
                                                             BYLINE_TYPE_CHECKLIST_VIEW));
  list_box = byline_checklist_view_get_list_box (checklist);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.checklist", NULL));

  wait_for_rows (list_box, 1);
  g_assert_cmpstr (row_title (list_box, 0), ==, "Image too large to upload");
  g_assert_true (g_str_has_suffix (row_subtitle (list_box, 0), "Line 7, column 16"));
  g_signal_emit_by_name (find_button (GTK_WIDGET (list_box), "_Shrink"), "clicked");

  byline_test_wait_until (has_text,
                          &(TextWait) { buffer, "![The harbour](images/big%20photo-small.jpg)" },
                          "the reference to point at the smaller copy");
  g_assert_cmpint (g_stat (small, &st), ==, 0);
  g_assert_cmpint (st.st_size, <=, 1000000);
  wait_for_rows (list_box, 0);
  byline_test_wait_for_label (GTK_WIDGET (checklist), "Nothing to look at");

  /* One undo brings the original back. */
  gtk_text_buffer_undo (buffer);
  byline_test_wait_until (has_text, &(TextWait) { buffer, "(images/big%20photo.png)" },
                          "the undo to bring the original back");
  wait_for_rows (list_box, 1);

  byline_test_close_window (window);
  g_remove (small);
  g_remove (big);
  g_remove (path);
  g_rmdir (images);
  g_rmdir (dir);
}

static gboolean
publications_shown (gpointer data)
{
  return BYLINE_IS_PUBLICATION_DIALOG (adw_application_window_get_visible_dialog (data));
}

static GtkWidget *
find_button_row (GtkWidget  *root,
                 const char *title)
{
  if (ADW_IS_BUTTON_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Preferences lead to the publications; without an account, the dialog says how to sign in. */
static void
test_publications_from_preferences (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  AdwDialog *preferences;
  AdwDialog *publications;
  GtkWidget *row;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_PREFERENCES_DIALOG (preferences));
  row = find_button_row (GTK_WIDGET (preferences), "_Publications…");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  byline_test_wait_until (publications_shown, window, "the publications dialog");
  publications = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  byline_test_wait_for_label (GTK_WIDGET (publications),
                              "Not signed in. Sign in to edit your publications.");

  adw_dialog_force_close (publications);
  adw_dialog_force_close (preferences);
  byline_test_close_window (window);
}

/* The shortcuts window lists F7 for the checklist. */
static void
test_shortcut_listed (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  GtkShortcutsWindow *overlay;
  gboolean found = FALSE;
  GtkWidget *child;

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  for (child = GTK_WIDGET (overlay); child != NULL && !found; )
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        {
          g_autofree char *accelerator = NULL;
          g_autofree char *title = NULL;

          g_object_get (child, "accelerator", &accelerator, "title", &title, NULL);
          found = g_strcmp0 (accelerator, "F7") == 0 &&
                  g_strcmp0 (title, "Check before publishing") == 0;
        }
      /* Depth first through the whole window. */
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          if (child != NULL)
            child = gtk_widget_get_next_sibling (child);
        }
    }
  g_assert_true (found);

  byline_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = byline_application_new ("io.github.byline.Byline.ChecklistTests",
                                G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/Byline/Checklist/side-panel", test_side_panel);
  g_test_add_func ("/Byline/Checklist/publish-dialog", test_publish_dialog);
  g_test_add_func ("/Byline/Checklist/shrink-image", test_shrink_image);
  g_test_add_func ("/Byline/Checklist/shortcut-listed", test_shortcut_listed);
  g_test_add_func ("/Byline/Checklist/publications-from-preferences",
                   test_publications_from_preferences);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
