"""Object permissions of advising (django-rules predicates, loaded by rules' autodiscovery)."""

import rules

from careercenter.roles import is_career_admin


@rules.predicate
def is_author(user, recommendation) -> bool:
    return recommendation is not None and recommendation.advisor_id == user.pk


# A draft is its author's words until shared, and the student reads them under the author's
# name: only the author or a career-center admin edits or shares it. Anyone else who has the
# student on their caseload (after a reassignment, or when an admin wrote it) may read it.
may_edit_draft = is_author | is_career_admin
rules.add_perm("advising.edit_draft", may_edit_draft)
