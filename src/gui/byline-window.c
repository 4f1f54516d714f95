/* byline-window.c
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

#define G_LOG_DOMAIN "byline-window"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-application.h"
#include "byline-menu-names.h"
#include "byline-metadata-panel.h"
#include "byline-outline.h"
#include "byline-review-list.h"
#include "byline-library-dialog.h"
#include "byline-publish-bar.h"
#include "byline-publish-state.h"
#include "byline-publish-dialog.h"
#include "byline-checklist-view.h"
#include "byline-publish-job.h"
#include "byline-row-names.h"
#include "byline-window.h"
#include "byline-window-private.h"

struct _BylineWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwOverlaySplitView  *split_view;
  AdwViewStack         *side_stack;
  BylineMetadataPanel  *metadata_panel;
  AdwWindowTitle       *window_title;
  GtkMenuButton       *main_menu_button;
  AdwTabView           *tab_view;
  AdwToastOverlay      *toasts;
  BylinePublishBar     *publish_bar;
  BylinePublishState   *publish_state;
  GMenu                *recent_section;
  GtkStack             *content_stack;
  AdwStatusPage        *empty_page;
  GtkWidget            *empty_new_button;
  GtkWidget            *empty_recent_group;
  GtkListBox           *empty_recent_list;
  BylineChecklistView  *checklist_view;

  /* Owned references */
  GSettings            *settings;
  GCancellable         *cancellable;
  GSignalGroup         *document_signals;

  /* Borrowed references */
  BylinePage           *page;

  guint                 keep_focus_source;
  guint                 moving_focus : 1;
  /* The window left its empty state for good: an article is shown. */
  guint                 empty_dismissed : 1;
  guint                 showing_empty : 1;
};

G_DEFINE_FINAL_TYPE (BylineWindow, byline_window, ADW_TYPE_APPLICATION_WINDOW)

static BylinePage *
page_for_tab (AdwTabPage *tab)
{
  return BYLINE_PAGE (adw_tab_page_get_child (tab));
}

static char *
dup_page_title (BylinePage *page)
{
  BylineDocument *document = byline_page_get_document (page);
  g_autofree char *title = byline_document_dup_title (document);

  if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
    return g_strconcat ("• ", title, NULL);

  return g_steal_pointer (&title);
}

static void
update_tab_title (BylinePage *page)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_TAB_VIEW);
  g_autofree char *title = dup_page_title (page);
  AdwTabPage *tab;

  if (view == NULL || !(tab = adw_tab_view_get_page (ADW_TAB_VIEW (view), GTK_WIDGET (page))))
    return;

  adw_tab_page_set_title (tab, title);
}

/* The folder of @file as a writer reads it: "~/Articles". */
static char *
dup_folder_name (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = NULL;
  const char *home = g_get_home_dir ();

  if (parent == NULL)
    return NULL;

  path = g_file_get_path (parent);
  if (path != NULL && g_str_has_prefix (path, home))
    return g_strconcat ("~", path + strlen (home), NULL);

  return g_file_get_parse_name (parent);
}

static void
update_title (BylineWindow *self)
{
  BylineDocument *document;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GFile *file;

  if (self->page == NULL)
    return;

  document = byline_page_get_document (self->page);
  title = dup_page_title (self->page);
  file = byline_document_get_file (document);

  if (file != NULL)
    subtitle = dup_folder_name (file);
  else
    subtitle = g_strdup (_("Draft"));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* A new window with nothing in it shows what the writer can do (write, open, reopen a recent
 * article) instead of a blank editor and preview. Once an article shows (typed, opened,
 * restored, or asked for with New Article), the window stays on its tabs, even if the text is
 * emptied again. */
static void
update_empty_state (BylineWindow *self)
{
  gboolean empty;
  GtkWidget *focus;

  /* Between a tab's arrival and its selection there is nothing to decide on yet. */
  if (self->empty_dismissed || self->page == NULL)
    return;

  empty = byline_window_is_empty (self);
  if (!empty)
    self->empty_dismissed = TRUE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                 empty ? "empty" : "tabs") == 0)
    return;

  focus = gtk_root_get_focus (GTK_ROOT (self));
  self->showing_empty = empty;
  gtk_stack_set_visible_child_name (self->content_stack, empty ? "empty" : "tabs");
  if (empty)
    gtk_widget_grab_focus (self->empty_new_button);
  else if (self->page != NULL &&
           (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->empty_page))))
    gtk_widget_grab_focus (GTK_WIDGET (byline_page_get_view (self->page)));
}

/* New Article, or typing, in the empty state: the window's empty article is the new one. */
static void
leave_empty_state (BylineWindow *self)
{
  self->empty_dismissed = TRUE;
  self->showing_empty = FALSE;
  gtk_stack_set_visible_child_name (self->content_stack, "tabs");
  if (self->page != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (byline_page_get_view (self->page)));
}

/* The keyboard starts on New Article, where typing also starts the article. */
static void
empty_page_mapped_cb (BylineWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL || !gtk_widget_get_mapped (focus) || !GTK_IS_EDITABLE (focus))
    gtk_widget_grab_focus (self->empty_new_button);
}

/* Typing in the empty state starts the article with what was typed, wherever the focus is,
 * unless a text field (in the side panel) takes the keys itself. */
static gboolean
empty_key_pressed_cb (BylineWindow          *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  gunichar c = gdk_keyval_to_unicode (keyval);

  if (!self->showing_empty || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      c == 0 || !g_unichar_isgraph (c) || self->page == NULL)
    return GDK_EVENT_PROPAGATE;

  leave_empty_state (self);

  return gtk_event_controller_key_forward (controller,
                                           GTK_WIDGET (byline_page_get_view (self->page)));
}

static void
document_changed_cb (BylineWindow *self)
{
  update_empty_state (self);
}

static void
document_title_changed_cb (BylineWindow   *self,
                           GParamSpec     *pspec,
                           BylineDocument *document)
{
  update_title (self);
}

/* Back in the window after a while: the published record may have changed elsewhere. */
static void
is_active_changed_cb (BylineWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    byline_publish_state_focused (self->publish_state);
}

/**
 * _byline_window_get_publish_state:
 *
 * Returns: (transfer none): the header bar's state of the visible article against its record
 */
BylinePublishState *
_byline_window_get_publish_state (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->publish_state;
}

static void
selected_page_changed_cb (BylineWindow *self,
                          GParamSpec   *pspec,
                          AdwTabView   *tab_view)
{
  AdwTabPage *tab = adw_tab_view_get_selected_page (tab_view);
  BylineDocument *document = NULL;

  self->page = tab ? page_for_tab (tab) : NULL;
  if (self->page != NULL)
    document = byline_page_get_document (self->page);

  g_signal_group_set_target (self->document_signals, document);
  byline_metadata_panel_set_document (self->metadata_panel, document);
  byline_publish_bar_set_document (self->publish_bar, document);
  byline_publish_state_set_document (self->publish_state, document);
  update_title (self);
  update_empty_state (self);
  _byline_window_compare_update (self);

  if (self->page != NULL && !self->showing_empty)
    gtk_widget_grab_focus (GTK_WIDGET (byline_page_get_view (self->page)));
}

/**
 * byline_window_add_document:
 * @self: a #BylineWindow
 * @document: a document
 *
 * Shows @document in a new tab and selects it.
 *
 * Returns: (transfer none): the new page
 */
BylinePage *
byline_window_add_document (BylineWindow   *self,
                            BylineDocument *document)
{
  BylinePage *page;
  AdwTabPage *tab;

  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);

  page = byline_page_new (document);
  tab = adw_tab_view_append (self->tab_view, GTK_WIDGET (page));

  g_signal_connect_object (document, "notify::title",
                           G_CALLBACK (update_tab_title), page, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "modified-changed",
                           G_CALLBACK (update_tab_title), page, G_CONNECT_SWAPPED);
  update_tab_title (page);

  adw_tab_view_set_selected_page (self->tab_view, tab);

  if (BYLINE_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))))
    byline_session_add_document (byline_application_get_session (BYLINE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))),
                                 document);

  return page;
}

/**
 * byline_window_dup_documents:
 *
 * Returns: (transfer container) (element-type BylineDocument): the documents of the tabs, in order
 */
GPtrArray *
byline_window_dup_documents (BylineWindow *self)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_pages;

  g_return_val_if_fail (BYLINE_IS_WINDOW (self), documents);

  n_pages = adw_tab_view_get_n_pages (self->tab_view);
  for (guint i = 0; i < n_pages; i++)
    {
      BylinePage *page = page_for_tab (adw_tab_view_get_nth_page (self->tab_view, i));

      g_ptr_array_add (documents, g_object_ref (byline_page_get_document (page)));
    }

  return documents;
}

void
_byline_window_show_error (BylineWindow *self,
                           const char   *heading,
                           const GError *error)
{
  AdwDialog *dialog = adw_alert_dialog_new (heading, error->message);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

/* Takes @toast. */
void
_byline_window_add_toast (BylineWindow *self,
                          AdwToast     *toast)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toasts, toast);
}

void
_byline_window_show_toast (BylineWindow *self,
                           const char   *message)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

AdwTabView *
_byline_window_get_tab_view (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->tab_view;
}

/* Cancelled when the window closes. */
GCancellable *
_byline_window_get_cancellable (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->cancellable;
}

/* Shows the side panel with @field's row focused. */
void
_byline_window_focus_field (BylineWindow *self,
                            const char   *field)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));

  adw_overlay_split_view_set_show_sidebar (self->split_view, TRUE);
  adw_view_stack_set_visible_child_name (self->side_stack, "details");
  byline_metadata_panel_focus_field (self->metadata_panel, field);
}

void
_byline_window_show_side_page (BylineWindow *self,
                               const char   *name)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));

  adw_overlay_split_view_set_show_sidebar (self->split_view, TRUE);
  adw_view_stack_set_visible_child_name (self->side_stack, name);
}

/* The account the writer last published with here: the checklist compares with its
 * documents. */
void
_byline_window_set_account (BylineWindow  *self,
                            BylineAccount *account)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));

  byline_checklist_view_set_account (self->checklist_view, account);
  byline_publish_state_set_account (self->publish_state, account);
}

BylineAccount *
_byline_window_get_account (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return byline_checklist_view_get_account (self->checklist_view);
}

#define MAX_RECENT 10
#define MAX_EMPTY_RECENT 5

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  return g_date_time_compare (gtk_recent_info_get_modified ((GtkRecentInfo *)a),
                              gtk_recent_info_get_modified ((GtkRecentInfo *)b));
}

static void
update_recent_menu (BylineWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean focus_in_list = focus != NULL &&
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->empty_recent_list));
  guint n = 0;

  items = g_list_sort (items, compare_recent);
  g_menu_remove_all (self->recent_section);
  gtk_list_box_remove_all (self->empty_recent_list);

  /* Newest first, articles only. */
  for (GList *iter = g_list_last (items); iter != NULL && n < MAX_RECENT; iter = iter->prev)
    {
      GtkRecentInfo *info = iter->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".md") && !g_str_has_suffix (uri, ".markdown"))
        continue;
      if (!gtk_recent_info_exists (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (self->recent_section, item);

      if (n < MAX_EMPTY_RECENT)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (uri);
          g_autofree char *folder = dup_folder_name (file);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         gtk_recent_info_get_display_name (info));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (uri));
          gtk_list_box_append (self->empty_recent_list, row);
        }
      n++;
    }
  gtk_widget_set_visible (self->empty_recent_group, n > 0);

  /* The row that had the keyboard is gone (opening an article from the list makes it recent
   * again): the keyboard goes where the writer continues, not to GTK's next guess. */
  if (focus_in_list)
    {
      if (self->showing_empty)
        gtk_widget_grab_focus (self->empty_new_button);
      else if (self->page != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (byline_page_get_view (self->page)));
    }

  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

/* While a dialog is shown, the keyboard stays in it. libadwaita gives the focus back to the
 * window's content only when the last dialog closes: when an alert over a dialog closes, or
 * the control that had the focus turns insensitive (Unpublish), the focus fell to the window
 * itself, where Escape no longer reached the dialog and the window's shortcuts (Ctrl+T) and
 * the writer's typing went past it. */
static void
keep_focus_in_dialog (BylineWindow *self)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (self));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->moving_focus || dialog == NULL ||
      (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (dialog))))
    return;

  self->moving_focus = TRUE;
  if (!gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (GTK_WIDGET (dialog));
  self->moving_focus = FALSE;
}

/* Every dialog shown on the window, alerts included, is named for screen readers where
 * libadwaita leaves its parts unnamed. */
static void
visible_dialog_changed_cb (BylineWindow *self)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (self));

  /* Its parts are in its widget tree once it is mapped. */
  if (dialog != NULL && g_object_get_data (G_OBJECT (dialog), "byline-named") == NULL)
    {
      g_object_set_data (G_OBJECT (dialog), "byline-named", GINT_TO_POINTER (TRUE));
      g_signal_connect (dialog, "map", G_CALLBACK (byline_row_names_apply), NULL);
      if (gtk_widget_get_mapped (GTK_WIDGET (dialog)))
        byline_row_names_apply (GTK_WIDGET (dialog));
    }
}

static gboolean
keep_focus_in_dialog_cb (gpointer user_data)
{
  BylineWindow *self = BYLINE_WINDOW (user_data);

  self->keep_focus_source = 0;
  keep_focus_in_dialog (self);

  return G_SOURCE_REMOVE;
}

/* Checked once the focus has settled: Tab past a dialog's last control clears the focus on
 * its way back to the first, and taking it back into the dialog at that moment sent Tab on
 * from there, past the dialog's first control (and Shift+Tab nowhere but back to it). */
static void
focus_or_dialog_changed_cb (BylineWindow *self,
                            GParamSpec   *pspec,
                            gpointer      user_data)
{
  if (self->keep_focus_source == 0 &&
      adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (self)) != NULL)
    self->keep_focus_source = g_idle_add_full (G_PRIORITY_HIGH, keep_focus_in_dialog_cb, self, NULL);
}

static void
new_document_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(BylineDocument) document = NULL;

  if (self->showing_empty)
    {
      leave_empty_state (self);
      return;
    }

  document = byline_document_new ();
  byline_window_add_document (self, document);
}

static void
publish_requested_cb (BylinePublishDialog *dialog,
                      BylineAccount       *account,
                      guint                flags,
                      BylineWindow        *self)
{
  _byline_window_set_account (self, account);
  byline_publish_bar_publish (self->publish_bar, byline_publish_dialog_get_document (dialog),
                              account, flags);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  BylineDocument *document;
  AdwDialog *dialog;

  if (self->page == NULL)
    return;

  /* The dialog only prepares: the publish itself runs in the window, for the writer to
   * keep writing meanwhile. */
  document = byline_page_get_document (self->page);
  dialog = byline_publish_dialog_new (document);
  byline_publish_state_check (self->publish_state);
  g_signal_connect_object (dialog, "publish", G_CALLBACK (publish_requested_cb), self, 0);
  g_signal_connect_object (dialog, "go-to-check-item", G_CALLBACK (_byline_window_go_to_check_item),
                           self, G_CONNECT_SWAPPED);
  adw_dialog_present (dialog, widget);
}

static void
library_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  adw_dialog_present (byline_library_dialog_new (GTK_WINDOW (widget)), widget);
}

static void
publishing_response_cb (AdwAlertDialog   *dialog,
                        const char       *response,
                        BylinePublishJob *job)
{
  if (g_str_equal (response, "stop") && byline_publish_job_get_running (job))
    byline_publish_job_cancel (job);
}

/* An article being published gets its record's address written into it when publishing
 * ends: closing it now would lose that, and the next publish would make a second record.
 * Returns whether @page was held open. */
static gboolean
hold_while_publishing (BylineWindow *self,
                       BylinePage   *page)
{
  BylinePublishJob *job = byline_publish_job_get_for_document (byline_page_get_document (page));
  AdwDialog *dialog;

  if (job == NULL || !byline_publish_job_get_running (job))
    return FALSE;

  dialog = adw_alert_dialog_new (_("The Article Is Being Published"),
                                 _("Its record’s address is written into it when publishing "
                                   "ends. Close it once publishing is over."));
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "wait", _("_Wait"));
  if (byline_publish_job_get_can_cancel (job))
    {
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "stop", _("_Stop Publishing"));
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "stop",
                                                ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "wait");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "wait");
  g_signal_connect_data (dialog, "response", G_CALLBACK (publishing_response_cb),
                         g_object_ref (job), (GClosureNotify)(GCallback)g_object_unref, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));

  return TRUE;
}

static gboolean
close_page_cb (BylineWindow *self,
               AdwTabPage   *tab,
               AdwTabView   *tab_view)
{
  BylinePage *page = page_for_tab (tab);

  if (hold_while_publishing (self, page))
    adw_tab_view_close_page_finish (tab_view, tab, FALSE);
  else if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (byline_page_get_document (page))))
    {
      adw_tab_view_close_page_finish (tab_view, tab, FALSE);
      _byline_window_confirm_close (self, page, BYLINE_WINDOW_AFTER_SAVE_CLOSE_PAGE);
    }
  else
    {
      adw_tab_view_close_page_finish (tab_view, tab, TRUE);
    }

  return GDK_EVENT_STOP;
}

static void
n_pages_changed_cb (BylineWindow *self,
                    GParamSpec   *pspec,
                    AdwTabView   *tab_view)
{
  /* Closing the last tab closes the window, as in other GNOME editors. */
  if (adw_tab_view_get_n_pages (tab_view) == 0)
    gtk_window_destroy (GTK_WINDOW (self));
  else
    update_empty_state (self);
}

static void
close_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  AdwTabPage *tab = adw_tab_view_get_selected_page (self->tab_view);

  if (tab != NULL)
    adw_tab_view_close_page (self->tab_view, tab);
}

static gboolean
byline_window_close_request (GtkWindow *window)
{
  BylineWindow *self = BYLINE_WINDOW (window);
  guint n_pages = adw_tab_view_get_n_pages (self->tab_view);

  for (guint i = 0; i < n_pages; i++)
    if (hold_while_publishing (self, page_for_tab (adw_tab_view_get_nth_page (self->tab_view, i))))
      return TRUE;

  for (guint i = 0; i < n_pages; i++)
    {
      BylinePage *page = page_for_tab (adw_tab_view_get_nth_page (self->tab_view, i));

      if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (byline_page_get_document (page))))
        {
          _byline_window_confirm_close (self, page, BYLINE_WINDOW_AFTER_SAVE_CLOSE_WINDOW);
          return TRUE;
        }
    }

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (byline_window_parent_class)->close_request (window);
}

/* The application gives the window its shortcuts window when it adds it. */
static void
application_changed_cb (BylineWindow *self)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (overlay != NULL && g_object_get_data (G_OBJECT (overlay), "byline-named") == NULL)
    {
      g_object_set_data (G_OBJECT (overlay), "byline-named", GINT_TO_POINTER (TRUE));
      byline_shortcuts_window_name_pages (GTK_WINDOW (overlay));
    }
}

static void
byline_window_constructed (GObject *object)
{
  BylineWindow *self = BYLINE_WINDOW (object);
  g_autoptr(BylineDocument) document = byline_document_new ();
  g_autoptr(GPropertyAction) toggle = NULL;

  G_OBJECT_CLASS (byline_window_parent_class)->constructed (object);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = g_settings_new (BASE_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-side-panel", self->split_view, "show-sidebar",
                   G_SETTINGS_BIND_DEFAULT);

  /* Ctrl+Home and Ctrl+End, with or without Shift, move in the text: the tab view must not
   * take them to switch tabs (as in GNOME Text Editor). Ctrl+Page Up/Down, Ctrl+Tab and
   * Alt+1…9 still switch tabs. */
  adw_tab_view_remove_shortcuts (self->tab_view,
                                 ADW_TAB_VIEW_SHORTCUT_CONTROL_HOME |
                                 ADW_TAB_VIEW_SHORTCUT_CONTROL_END |
                                 ADW_TAB_VIEW_SHORTCUT_CONTROL_SHIFT_HOME |
                                 ADW_TAB_VIEW_SHORTCUT_CONTROL_SHIFT_END);

  byline_menu_names_follow (gtk_menu_button_get_popover (self->main_menu_button));
  byline_menu_buttons_follow_sensitivity (GTK_WIDGET (self));
  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  application_changed_cb (self);

  /* A view stack's page is named by its title as written, mnemonic underscore and all. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->side_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStackPage *page = adw_view_stack_get_page (self->side_stack, child);
      g_autofree char *label = byline_strip_mnemonic (adw_view_stack_page_get_title (page));

      gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  /* Translators: what the list of the side panel's pages is called by a screen reader */
  byline_view_switchers_name (GTK_WIDGET (self), self->side_stack, _("Side Panel Pages"));
  /* Translators: what the list of the window's tabs is called by a screen reader */
  byline_tab_bars_name (GTK_WIDGET (self), _("Open Articles"));

  toggle = g_property_action_new ("toggle-side-panel", self->split_view, "show-sidebar");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (toggle));

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);

  byline_window_add_document (self, document);
  update_empty_state (self);
}

static void
byline_window_dispose (GObject *object)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->keep_focus_source, g_source_remove);
  self->page = NULL;
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_WINDOW);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (byline_window_parent_class)->dispose (object);
}

static void
byline_window_class_init (BylineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = byline_window_constructed;
  object_class->dispose = byline_window_dispose;
  window_class->close_request = byline_window_close_request;

  g_type_ensure (BYLINE_TYPE_METADATA_PANEL);
  g_type_ensure (BYLINE_TYPE_OUTLINE);
  g_type_ensure (BYLINE_TYPE_REVIEW_LIST);
  g_type_ensure (BYLINE_TYPE_PUBLISH_BAR);
  g_type_ensure (BYLINE_TYPE_PUBLISH_STATE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/byline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, split_view);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, metadata_panel);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, publish_bar);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, publish_state);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, empty_recent_group);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, empty_recent_list);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, checklist_view);
  gtk_widget_class_bind_template_callback (widget_class, selected_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, n_pages_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.new-document", NULL, new_document_action);
  _byline_window_files_class_init (widget_class);
  _byline_window_export_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "win.library", NULL, library_action);
  gtk_widget_class_install_action (widget_class, "win.close-page", NULL, close_page_action);
  _byline_window_record_class_init (widget_class);
  _byline_window_compare_class_init (widget_class);
  _byline_window_focus_class_init (widget_class);
  _byline_window_checklist_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.new-document", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-side-panel", NULL);
}

static void
byline_window_init (BylineWindow *self)
{
  GtkEventController *keys;

  self->cancellable = g_cancellable_new ();
  self->document_signals = g_signal_group_new (BYLINE_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::title",
                                 G_CALLBACK (document_title_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::file",
                                 G_CALLBACK (document_title_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "modified-changed",
                                 G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::file",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "modified-changed",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::metadata",
                                 G_CALLBACK (_byline_window_compare_update), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_or_dialog_changed_cb), NULL);
  g_signal_connect (self, "notify::visible-dialog", G_CALLBACK (focus_or_dialog_changed_cb), NULL);
  g_signal_connect (self, "notify::visible-dialog", G_CALLBACK (visible_dialog_changed_cb), NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (empty_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_object (self->empty_page, "map", G_CALLBACK (empty_page_mapped_cb), self,
                           G_CONNECT_SWAPPED);
  _byline_window_focus_init (self);
  _byline_window_compare_update (self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_changed_cb), NULL);
}

BylineWindow *
byline_window_new (GtkApplication *application)
{
  return g_object_new (BYLINE_TYPE_WINDOW, "application", application, NULL);
}

/**
 * byline_window_get_page:
 *
 * Returns: (transfer none): the page of the window's document
 */
BylinePage *
byline_window_get_page (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->page;
}
