// TruthProblem: interning of sources, items and values, and claim checks.
#include <cmath>
#include <string>

#include "newsfacts/truth.h"

namespace newsfacts {

std::size_t TruthProblem::ValueKeyHash::operator()(const ValueKeyRef& k) const {
  const std::size_t h = std::hash<std::string_view>()(k.key);
  return h ^ (static_cast<std::size_t>(k.item) * 0x9e3779b97f4a7c15ull);
}

SourceId TruthProblem::InternSource(std::string_view name) {
  if (auto it = source_index_.find(name); it != source_index_.end()) return it->second;
  const auto id = static_cast<SourceId>(source_names_.size());
  source_names_.emplace_back(name);
  source_index_.emplace(source_names_.back(), id);
  source_origin_.push_back(kNoId);
  source_prior_.push_back(-1.0f);
  return id;
}

ItemId TruthProblem::InternItem(std::string_view name) {
  if (auto it = item_index_.find(name); it != item_index_.end()) return it->second;
  const auto id = static_cast<ItemId>(item_names_.size());
  item_names_.emplace_back(name);
  item_index_.emplace(item_names_.back(), id);
  return id;
}

ValueId TruthProblem::InternValue(ItemId item, std::string_view key) {
  if (auto it = value_index_.find(ValueKeyRef{item, key}); it != value_index_.end()) {
    return it->second;
  }
  const auto id = static_cast<ValueId>(value_keys_.size());
  value_keys_.emplace_back(key);
  value_index_.emplace(ValueKeyRef{item, value_keys_.back()}, id);
  value_item_.push_back(item);
  return id;
}

SourceId TruthProblem::FindSource(std::string_view name) const {
  auto it = source_index_.find(name);
  return it == source_index_.end() ? kNoId : it->second;
}

ItemId TruthProblem::FindItem(std::string_view name) const {
  auto it = item_index_.find(name);
  return it == item_index_.end() ? kNoId : it->second;
}

ValueId TruthProblem::FindValue(ItemId item, std::string_view key) const {
  auto it = value_index_.find(ValueKeyRef{item, key});
  return it == value_index_.end() ? kNoId : it->second;
}

Status TruthProblem::AddClaim(SourceId source, ValueId value, double weight, OriginId origin) {
  if (source >= source_names_.size()) {
    return Status::InvalidArgument("claim names unknown source id " + std::to_string(source));
  }
  if (value >= value_item_.size()) {
    return Status::InvalidArgument("claim names unknown value id " + std::to_string(value));
  }
  if (!(weight > 0 && weight <= 1)) {  // also rejects NaN
    return Status::InvalidArgument("claim weight must be in (0,1], got " + std::to_string(weight));
  }
  if (origin != kNoId && origin >= origin_count_) {
    return Status::InvalidArgument("claim names unknown origin id " + std::to_string(origin));
  }
  claims_.push_back(Claim{source, value, static_cast<float>(weight), origin});
  return Status::Ok();
}

Status TruthProblem::AddDependenceGroup(std::span<const SourceId> sources) {
  for (SourceId s : sources) {
    if (s >= source_names_.size()) {
      return Status::InvalidArgument("dependence group names unknown source id " +
                                     std::to_string(s));
    }
  }
  if (sources.size() < 2) return Status::Ok();
  // Groups that share a source merge: every member of either gets the new
  // origin.
  const OriginId group = AddOrigin();
  std::vector<OriginId> merged;
  for (SourceId s : sources) {
    if (source_origin_[s] != kNoId) merged.push_back(source_origin_[s]);
  }
  for (OriginId& o : source_origin_) {
    for (OriginId m : merged) {
      if (o == m) o = group;
    }
  }
  for (SourceId s : sources) source_origin_[s] = group;
  return Status::Ok();
}

Status TruthProblem::SetSourcePrior(SourceId source, double accuracy) {
  if (source >= source_names_.size()) {
    return Status::InvalidArgument("prior names unknown source id " + std::to_string(source));
  }
  if (!(accuracy > 0 && accuracy < 1)) {
    return Status::InvalidArgument("source prior accuracy must be in (0,1), got " +
                                   std::to_string(accuracy));
  }
  source_prior_[source] = static_cast<float>(accuracy);
  return Status::Ok();
}

Status TruthProblem::AddImplication(ValueId from, ValueId to, double strength) {
  if (from >= value_item_.size() || to >= value_item_.size()) {
    return Status::InvalidArgument("implication names an unknown value id");
  }
  if (value_item_[from] != value_item_[to]) {
    return Status::InvalidArgument("implication between values of different items");
  }
  if (!(strength >= 0 && strength <= 1)) {
    return Status::InvalidArgument("implication strength must be in [0,1], got " +
                                   std::to_string(strength));
  }
  if (from == to || strength == 0) return Status::Ok();
  implications_.push_back(Implication{from, to, static_cast<float>(strength)});
  return Status::Ok();
}

std::string_view TruthMethodName(TruthMethod method) {
  switch (method) {
    case TruthMethod::kVote:
      return "vote";
    case TruthMethod::kAccu:
      return "accu";
    case TruthMethod::kAccuCopy:
      return "accucopy";
  }
  return "accucopy";
}

Result<TruthMethod> TruthMethodFromName(std::string_view name) {
  for (TruthMethod m : {TruthMethod::kVote, TruthMethod::kAccu, TruthMethod::kAccuCopy}) {
    if (name == TruthMethodName(m)) return m;
  }
  return Status::InvalidArgument("unknown truth method '" + std::string(name) +
                                 "' (expected vote, accu or accucopy)");
}

}  // namespace newsfacts
