/* byline-contributors-group.c
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

#define G_LOG_DOMAIN "byline-contributors-group"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-account.h"
#include "byline-contributors.h"
#include "byline-contributors-group.h"
#include "byline-validator.h"

/*
 * The article's contributors, as the record credits them: one expandable row each (its
 * name and role editable, moved up or down, removed), and a row to add one by handle. The
 * handle is looked up off the main thread's way (asynchronously, on the signed-in account's
 * server, else the public one); the group keeps no copy beyond what it shows and says every
 * change with "edited", which the panel writes into the front matter.
 */

struct _BylineContributorsGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwEntryRow         *add_row;
  GtkWidget           *spinner;
  GtkWidget           *error_row;
  GtkLabel            *error_label;

  GPtrArray           *contributors;  /* BylineContributor, as shown */
  GPtrArray           *rows;          /* their rows */
  GCancellable        *cancellable;
  BylineXrpcClient    *client;
  char                *pending;       /* the handle being looked up */
};

G_DEFINE_FINAL_TYPE (BylineContributorsGroup, byline_contributors_group,
                     ADW_TYPE_PREFERENCES_GROUP)

enum {
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (BylineContributorsGroup *self);

static void
emit_edited (BylineContributorsGroup *self)
{
  g_signal_emit (self, signals[EDITED], 0, self->contributors);
}

static void
show_error (BylineContributorsGroup *self,
            const char              *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (self->error_row, message != NULL);
  if (message != NULL)
    gtk_accessible_announce (GTK_ACCESSIBLE (self), message,
                             GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
}

static guint
row_index (BylineContributorsGroup *self,
           GtkWidget               *child)
{
  GtkWidget *row = gtk_widget_get_ancestor (child, ADW_TYPE_EXPANDER_ROW);
  guint index;

  if (row == NULL || !g_ptr_array_find (self->rows, row, &index))
    return G_MAXUINT;

  return index;
}

/* After the rows are built again, the keyboard stays where it was: on the same button of the
 * row that moved, or on the remove button of the row that took the place of a removed one
 * (the add row after the last). */
static void
focus_after_rebuild (BylineContributorsGroup *self,
                     guint                    index,
                     const char              *tooltip)
{
  GtkWidget *row;

  if (self->rows->len == 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
      return;
    }
  index = MIN (index, self->rows->len - 1);

  row = g_ptr_array_index (self->rows, index);
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;)
    {
      if (GTK_IS_BUTTON (child) && gtk_widget_get_sensitive (child) &&
          g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        {
          gtk_widget_grab_focus (child);
          return;
        }

      /* Depth first through the row's header. */
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != row && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == row ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
}

static void
move_cb (GtkWidget *button,
         gpointer   user_data)
{
  BylineContributorsGroup *self = user_data;
  int step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "step"));
  guint index = row_index (self, button);
  guint target;

  if (index == G_MAXUINT)
    return;
  target = index + step;
  if ((int)index + step < 0 || target >= self->contributors->len)
    return;

  g_ptr_array_insert (self->contributors, target,
                      g_ptr_array_steal_index (self->contributors, index));
  rebuild (self);
  /* At an end of the list, the button that still moves it. */
  if (step < 0)
    focus_after_rebuild (self, target, target == 0 ? _("Move Down") : _("Move Up"));
  else
    focus_after_rebuild (self, target,
                         target + 1 == self->rows->len ? _("Move Up") : _("Move Down"));
  emit_edited (self);
}

static void
remove_cb (GtkWidget *button,
           gpointer   user_data)
{
  BylineContributorsGroup *self = user_data;
  guint index = row_index (self, button);

  if (index == G_MAXUINT)
    return;

  g_ptr_array_remove_index (self->contributors, index);
  rebuild (self);
  focus_after_rebuild (self, index, _("Remove"));
  emit_edited (self);
}

static void
apply_cb (AdwEntryRow *entry,
          gpointer     user_data)
{
  BylineContributorsGroup *self = user_data;
  guint index = row_index (self, GTK_WIDGET (entry));
  BylineContributor *contributor;
  gboolean is_role = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "role"));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  char **field;

  if (index == G_MAXUINT)
    return;

  contributor = g_ptr_array_index (self->contributors, index);
  field = is_role ? &contributor->role : &contributor->display_name;
  if (g_strcmp0 (*field ? *field : "", text) == 0)
    return;

  /* The lexicon's limits, said where the writer is rather than at publishing. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)byline_problem_free);

    if (!byline_validator_check_string (problems, "contributors", (int)index, text, 1000, 100))
      {
        show_error (self, ((BylineProblem *)g_ptr_array_index (problems, 0))->message);
        return;
      }
  }

  show_error (self, NULL);
  g_set_str (field, text[0] ? text : NULL);

  rebuild (self);
  /* Still open. */
  adw_expander_row_set_expanded (g_ptr_array_index (self->rows, index), TRUE);
  emit_edited (self);
}

static GtkWidget *
icon_button (BylineContributorsGroup *self,
             const char              *icon,
             const char              *tooltip,
             GCallback                callback,
             int                      step,
             gboolean                 sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data (G_OBJECT (button), "step", GINT_TO_POINTER (step));
  g_signal_connect (button, "clicked", callback, self);

  return button;
}

static GtkWidget *
entry_row (BylineContributorsGroup *self,
           const char              *title,
           const char              *value,
           gboolean                 is_role)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  g_object_set_data (G_OBJECT (row), "role", GINT_TO_POINTER (is_role));
  /* Named once by its title, as the panel's other entry rows. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect (row, "apply", G_CALLBACK (apply_cb), self);

  return row;
}

static void
rebuild (BylineContributorsGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* A row about to go that holds the focus gives it up first, as a focus change. */
  for (guint i = 0; focus != NULL && i < self->rows->len; i++)
    if (gtk_widget_is_ancestor (focus, g_ptr_array_index (self->rows, i)))
      {
        gtk_root_set_focus (root, NULL);
        break;
      }

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < self->contributors->len; i++)
    {
      const BylineContributor *contributor = g_ptr_array_index (self->contributors, i);
      GtkWidget *row = adw_expander_row_new ();
      const char *name = contributor->display_name ? contributor->display_name
                                                   : contributor->did ? contributor->did : "";
      g_autofree char *subtitle = NULL;

      if (contributor->role != NULL)
        /* Translators: a contributor's role, then their DID */
        subtitle = g_strdup_printf (_("%s · %s"), contributor->role,
                                    contributor->did ? contributor->did : "");
      else
        subtitle = g_strdup (contributor->did ? contributor->did : "");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      /* Suffixes show in the reverse order of their adding: up, down, remove. */
      adw_expander_row_add_suffix (ADW_EXPANDER_ROW (row),
                                   icon_button (self, "user-trash-symbolic", _("Remove"),
                                                G_CALLBACK (remove_cb), 0, TRUE));
      adw_expander_row_add_suffix (ADW_EXPANDER_ROW (row),
                                   icon_button (self, "go-down-symbolic", _("Move Down"),
                                                G_CALLBACK (move_cb), 1,
                                                i + 1 < self->contributors->len));
      adw_expander_row_add_suffix (ADW_EXPANDER_ROW (row),
                                   icon_button (self, "go-up-symbolic", _("Move Up"),
                                                G_CALLBACK (move_cb), -1, i > 0));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                entry_row (self, _("Name"), contributor->display_name, FALSE));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                entry_row (self, _("Role"), contributor->role, TRUE));

      /* Above the add row, which stays where it is (and keeps the focus it has). */
      gtk_list_box_insert (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (self->add_row))),
                           row, i);
      g_ptr_array_add (self->rows, row);
    }
}

static void
set_busy (BylineContributorsGroup *self,
          gboolean                 busy)
{
  /* Not insensitive: the row keeps the keyboard focus, for the next handle. */
  gtk_widget_set_visible (self->spinner, busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->add_row), !busy);
}

/* One lookup: it counts only while its cancellable is not cancelled (the panel turned to
 * another article, or the group went away). */
typedef struct
{
  BylineContributorsGroup *self;
  GCancellable            *cancellable;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_object_unref (lookup->self);
  g_object_unref (lookup->cancellable);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookup, lookup_free)

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Lookup) lookup = user_data;
  BylineContributorsGroup *self = lookup->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *did = NULL;
  g_autofree char *name = NULL;
  g_autofree char *handle = NULL;
  gboolean found;

  found = byline_xrpc_client_lookup_profile_finish (BYLINE_XRPC_CLIENT (object), result, &did,
                                                    &name, &error);
  if (g_cancellable_is_cancelled (lookup->cancellable))
    return;

  handle = g_steal_pointer (&self->pending);
  set_busy (self, FALSE);
  if (!found)
    {
      show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < self->contributors->len; i++)
    {
      const BylineContributor *contributor = g_ptr_array_index (self->contributors, i);

      if (g_strcmp0 (contributor->did, did) == 0)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is already credited."), handle);

          show_error (self, message);
          return;
        }
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  g_ptr_array_add (self->contributors, byline_contributor_new (did, NULL, name));
  rebuild (self);
  emit_edited (self);
}

static void
start_lookup (Lookup *lookup)
{
  BylineContributorsGroup *self = lookup->self;

  byline_xrpc_client_lookup_profile_async (self->client, self->pending, lookup->cancellable,
                                           lookup_cb, lookup);
}

static void
accounts_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Lookup) lookup = user_data;
  BylineContributorsGroup *self = lookup->self;
  g_autoptr(GListModel) accounts = byline_account_list_finish (result, NULL);

  if (g_cancellable_is_cancelled (lookup->cancellable))
    return;

  /* The signed-in account's server knows its own people first; without one, the public
   * service resolves any handle. */
  if (self->client == NULL && accounts != NULL && g_list_model_get_n_items (accounts) > 0)
    {
      g_autoptr(BylineAccount) account = g_list_model_get_item (accounts, 0);

      self->client = byline_account_dup_client (account);
    }
  if (self->client == NULL)
    self->client = byline_xrpc_client_new (NULL);
  if (g_getenv ("BYLINE_PLC_DIRECTORY") != NULL)
    byline_xrpc_client_set_plc_directory (self->client, g_getenv ("BYLINE_PLC_DIRECTORY"));

  start_lookup (g_steal_pointer (&lookup));
}

static void
add_activated_cb (BylineContributorsGroup *self)
{
  g_autofree char *handle = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row))));
  Lookup *lookup;

  if (handle[0] == '\0' || self->pending != NULL)
    return;

  show_error (self, NULL);
  set_busy (self, TRUE);
  self->pending = g_steal_pointer (&handle);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->cancellable = g_object_ref (self->cancellable);

  if (self->client != NULL)
    start_lookup (lookup);
  else
    byline_account_list_async (lookup->cancellable, accounts_cb, lookup);
}

/**
 * byline_contributors_group_reset:
 * @self: a #BylineContributorsGroup
 *
 * Forgets a lookup under way and what the add row holds, for another article.
 */
void
byline_contributors_group_reset (BylineContributorsGroup *self)
{
  g_return_if_fail (BYLINE_IS_CONTRIBUTORS_GROUP (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->pending, g_free);
  set_busy (self, FALSE);
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static void
byline_contributors_group_dispose (GObject *object)
{
  BylineContributorsGroup *self = (BylineContributorsGroup *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (byline_contributors_group_parent_class)->dispose (object);
}

static void
byline_contributors_group_finalize (GObject *object)
{
  BylineContributorsGroup *self = (BylineContributorsGroup *)object;

  g_clear_pointer (&self->contributors, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->pending, g_free);

  G_OBJECT_CLASS (byline_contributors_group_parent_class)->finalize (object);
}

static void
byline_contributors_group_class_init (BylineContributorsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_contributors_group_dispose;
  object_class->finalize = byline_contributors_group_finalize;

  /**
   * BylineContributorsGroup::edited:
   * @contributors: (element-type BylineContributor): the contributors, as the writer left them
   *
   * Emitted when the writer adds, removes, moves or changes a contributor.
   */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
byline_contributors_group_init (BylineContributorsGroup *self)
{
  GtkWidget *label;

  self->contributors = g_ptr_array_new_with_free_func ((GDestroyNotify)byline_contributor_free);
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Contributors"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("People credited beside you, found by their handle"));

  self->add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("Add by Handle"));
  adw_entry_row_set_show_apply_button (self->add_row, TRUE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->add_row), TRUE);
  g_signal_connect_swapped (self->add_row, "apply", G_CALLBACK (add_activated_cb), self);
  g_signal_connect_swapped (self->add_row, "entry-activated", G_CALLBACK (add_activated_cb), self);
  self->spinner = adw_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_set_tooltip_text (self->spinner, _("Looking up the handle"));
  adw_entry_row_add_suffix (self->add_row, self->spinner);

  self->error_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->error_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self->error_row), FALSE);
  gtk_widget_set_visible (self->error_row, FALSE);
  gtk_widget_set_focusable (self->error_row, FALSE);
  label = gtk_label_new (NULL);
  self->error_label = GTK_LABEL (label);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "error");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->error_row), label);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->error_row);
}

GtkWidget *
byline_contributors_group_new (void)
{
  return g_object_new (BYLINE_TYPE_CONTRIBUTORS_GROUP, NULL);
}

static gboolean
contributor_equal (const BylineContributor *a,
                   const BylineContributor *b)
{
  return g_strcmp0 (a->did, b->did) == 0 && g_strcmp0 (a->role, b->role) == 0 &&
         g_strcmp0 (a->display_name, b->display_name) == 0;
}

/**
 * byline_contributors_group_set_contributors:
 * @self: a #BylineContributorsGroup
 * @contributors: (element-type BylineContributor): what the front matter holds
 *
 * Shows @contributors; the rows are built again only when they differ from those shown.
 */
void
byline_contributors_group_set_contributors (BylineContributorsGroup *self,
                                            GPtrArray               *contributors)
{
  gboolean same;

  g_return_if_fail (BYLINE_IS_CONTRIBUTORS_GROUP (self));
  g_return_if_fail (contributors != NULL);

  same = contributors->len == self->contributors->len;
  for (guint i = 0; same && i < contributors->len; i++)
    same = contributor_equal (g_ptr_array_index (contributors, i),
                              g_ptr_array_index (self->contributors, i));
  if (same)
    return;

  g_ptr_array_set_size (self->contributors, 0);
  for (guint i = 0; i < contributors->len; i++)
    g_ptr_array_add (self->contributors,
                     byline_contributor_copy (g_ptr_array_index (contributors, i)));
  rebuild (self);
}

/**
 * byline_contributors_group_get_contributors:
 *
 * Returns: (transfer none) (element-type BylineContributor): the contributors shown
 */
GPtrArray *
byline_contributors_group_get_contributors (BylineContributorsGroup *self)
{
  g_return_val_if_fail (BYLINE_IS_CONTRIBUTORS_GROUP (self), NULL);

  return self->contributors;
}
