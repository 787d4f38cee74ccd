// Administration: staff users (the list, and adding one with a role and department).
#include <string>
#include <vector>

#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/usecase/accounts.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

struct UsersData {
  std::vector<store::StaffUserRecord> users;
  std::vector<store::DepartmentRecord> departments;
};

Result<UsersData> ReadUsers(store::Store& store) {
  return store::ReadValue<UsersData>(store, [](store::ReadTx& tx) -> Result<UsersData> {
    auto users = store::StaffUsers(tx).List();
    if (!users) {
      return users.error();
    }
    auto departments = store::Catalogue(tx).ListDepartments();
    if (!departments) {
      return departments.error();
    }
    return UsersData{std::move(*users), std::move(*departments)};
  });
}

}  // namespace

http::Response Desktop::UsersPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                                  PageContext& page) const {
  auto data = ReadUsers(cases.store);
  if (!data) {
    return FailurePage(site, page, data.error());
  }
  List users;
  for (const auto& user : data->users) {
    users.emplace_back(Object{{"user_email", user.email},
                              {"user_name", user.name},
                              {"user_role", user.role},
                              {"user_department", user.department.value_or("all")}});
  }
  const auto input = [&](std::string id, std::string label, std::string type) {
    FieldView field{.id = id, .name = id, .label = std::move(label)};
    field.type = std::move(type);
    if (field.type != "password") {
      field.value = std::string(form.First(id).value_or(""));
    }
    field.error = ErrorOf(errors, id);
    return ToData(field);
  };
  FieldView role{.id = "role", .name = "role", .label = T(page, "Role")};
  role.error = ErrorOf(errors, "role");
  for (const char* name : {"agent", "officer", "manager", "admin"}) {
    role.items.push_back(
        {.value = name, .text = name, .checked = form.First("role").value_or("") == name});
  }
  FieldView department{.id = "department", .name = "department", .label = T(page, "Department")};
  department.items.push_back({.value = "", .text = T(page, "None (admins act everywhere)")});
  for (const auto& d : data->departments) {
    department.items.push_back({.value = d.code,
                                .text = d.name + " (" + d.code + ")",
                                .checked = form.First("department").value_or("") == d.code});
  }
  return Render(page, "staff_users", "Staff users",
                Object{{"users", Data(users)},
                       {"email", input("email", T(page, "Email address"), "email")},
                       {"name", input("name", T(page, "Full name"), "text")},
                       {"password", input("password", T(page, "Password (at least 12 characters)"),
                                          "password")},
                       {"role", ToData(role)},
                       {"department", ToData(department)},
                       {"error_summary", errors.empty() ? Data(false) : ErrorSummary(errors)}},
                errors.empty() ? 200 : 422, !errors.empty());
}

http::Response Desktop::Users(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageUsers, "Staff user added");
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  return UsersPage(http::Form(), {}, page);
}

http::Response Desktop::AddUser(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageUsers);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& form = std::get<Admitted>(admitted).form;
  usecase::NewStaffUser user;
  user.email = std::string(form.First("email").value_or(""));
  user.name = std::string(form.First("name").value_or(""));
  user.role = std::string(form.First("role").value_or(""));
  user.password = std::string(form.First("password").value_or(""));
  if (const auto department = form.Present("department")) {
    user.department = std::string(*department);
  }
  auto added = usecase::AddStaffUser(cases.store, cases.clock, user);
  if (added) {
    return SeeOther(page, "/staff/admin/users?done=1");
  }
  const Error error = added.error();
  if (error.code() != ErrorCode::kInvalidInput) {
    return FailurePage(site, page, error);
  }
  std::vector<ErrorLink> links = Links(error, "email");
  for (ErrorLink& link : links) {
    link.message = T(page, link.message);
  }
  return UsersPage(form, links, page);
}

}  // namespace frontdoor::web
