package parse_test

import (
	"fmt"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/parse"
)

const (
	intern    = jobstats.SeniorityIntern
	junior    = jobstats.SeniorityJunior
	mid       = jobstats.SeniorityMid
	senior    = jobstats.SenioritySenior
	lead      = jobstats.SeniorityLead
	principal = jobstats.SeniorityPrincipal
)

// titleCases are real titles: those labelled with a source are quoted from
// the captured boards (RemoteOK titles arrive without punctuation, as the
// site slugifies them); "common" titles are the patterns the issue lists
// and everyday postings use; "bench" titles come from the bench board's
// generator (level + role + suffix).
var titleCases = []struct {
	source string
	title  string
	role   string
	level  jobstats.Seniority
}{
	{"arbeitnow", "Senior Account Executive, Enterprise", "Account Executive", senior},
	{"ashby", "Senior / Staff Fullstack Engineer", "Full Stack Engineer", senior},
	{"ashby", "Senior Technical Recruiter", "Technical Recruiter", senior},
	{"ashby", "Senior Site Reliability Engineer ", "Site Reliability Engineer", senior},
	{"ashby", "Business Development Representative, New York", "Business Development Representative", ""},
	{"ashby", "Business Development Representative, San Francisco", "Business Development Representative", ""},
	{"ashby", "Product Designer", "Product Designer", ""},
	{"ashby", "Account Executive | Commercial", "Account Executive", ""},
	{"ashby", "AI Operations Specialist | Enablement ", "AI Operations Specialist", ""},
	{"ashby", "Fraud Strategy Analyst (All Levels)", "Fraud Strategy Analyst", ""},
	{"ashby", "Mobile Engineer, Android", "Mobile Engineer", ""},
	{"ashby", "Software Engineer, Product (all levels)", "Software Engineer", ""},
	{"crackeddevs", "Full stack Developer", "Full Stack Developer", ""},
	{"crackeddevs", "Senior Full Stack Engineer", "Full Stack Engineer", senior},
	{"crackeddevs", "Frontend Engineer", "Frontend Engineer", ""},
	{"crackeddevs", "Frontend Developer", "Frontend Developer", ""},
	{"crackeddevs", "Fullstack Engineer(Web3, React, Node, Python)", "Full Stack Engineer", ""},
	{"crackeddevs", "Backend Developer", "Backend Developer", ""},
	{"crackeddevs", "Ramp.com - Frontend Engineer - Contractor", "Frontend Engineer", ""},
	{"crackeddevs", "Y Combinator Wellness Company - React Native Developer", "React Native Developer", ""},
	{"crackeddevs", "Silver.devTalent Pool - Frontend Engineer", "Frontend Engineer", ""},
	{"crackeddevs", "Junior Front End Developer", "Frontend Developer", junior},
	{"greenhouse", "Customer Data Scientist - Experimentation", "Customer Data Scientist", ""},
	{"greenhouse", "Emerging Account Executive (India)", "Emerging Account Executive", ""},
	{"greenhouse", "Account Executive, EMEA", "Account Executive", ""},
	{"greenhouse", "Account Executive - Italy", "Account Executive", ""},
	{"greenhouse", "AI Engineer", "AI Engineer", ""},
	{"greenhouse", "AI Transformation Owner, CRO", "AI Transformation Owner", ""},
	{"greenhouse", "Field Marketing Specialist", "Field Marketing Specialist", ""},
	{"greenhouse", "Mid Market Account Executive", "Mid Market Account Executive", ""},
	{"himalayas", "Physics Expert - Fully Remote | Upto $135/hr", "Physics Expert", ""},
	{"himalayas", "Amazon Brand Manager", "Amazon Brand Manager", ""},
	{"himalayas", "Inpatient Review Nurse (Remote | California RN/LVN License Required | Pacific Ti", "Inpatient Review Nurse", ""},
	{"himalayas", "Audio Engineer - Fully Remote | Upto $14/hr", "Audio Engineer", ""},
	{"himalayas", "Content & Marcom Specialist", "Content & Marcom Specialist", ""},
	{"himalayas", "Product Manager - Web3/ DeFi", "Product Manager", ""},
	{"himalayas", "Portfolio Manager - Freelance AI Trainer", "Portfolio Manager", ""},
	{"himalayas", "Senior System Software Engineer, NvSci", "System Software Engineer", senior},
	{"jobicy", "Senior Software Engineer (Contract)", "Software Engineer", senior},
	{"jobicy", "Customer Experience Lab Technician (Netherlands)", "Customer Experience Lab Technician", ""},
	{"jobicy", "Project Director, Qualitative Research", "Project Director", principal},
	{"jobicy", "Content Marketing Manager, Organic Growth (SEO & AEO)", "Content Marketing Manager", ""},
	{"jobicy", "(Senior) Product Director, Local Growth", "Product Director", principal},
	{"jobicy", "Senior DevOps Engineer - LATAM", "DevOps Engineer", senior},
	{"lever", "Renewal Specialist", "Renewal Specialist", ""},
	{"lever", "(1099 Contract) Nonprofit Salesforce Consultant: Enterprise Project Manager", "Nonprofit Salesforce Consultant", ""},
	{"lever", "(1099 Contract) Salesforce for Nonprofits: Solution Architect", "Solution Architect", ""},
	{"lever", "Account Executive, North America SMB - India", "Account Executive", ""},
	{"lever", "Account Manager - Singapore", "Account Manager", ""},
	{"lever", "Android Engineer III", "Android Engineer", senior},
	{"lever", "Android Software Engineer (Azar)", "Android Software Engineer", ""},
	{"other", "Account Executive - Italy (Madrid based)", "Account Executive", ""},
	{"other", "Mid-Market Account Executive - Copenhagen", "Mid-Market Account Executive", ""},
	{"other", "Solution Architect / Senior Solution Architect - PubSec - SLED/NGO", "Solution Architect", senior},
	{"other", "Customer Success Manager - Global Public Sector (State, Local Government and Education)", "Customer Success Manager", ""},
	{"other", "AI Content Analyst (No Experience Required)", "AI Content Analyst", ""},
	{"other", "Data Analyst (No Experience Required)", "Data Analyst", ""},
	{"other", "Email + SMS Marketing Strategist", "Email + SMS Marketing Strategist", ""},
	{"recruitee", "Customer Success Engineer Tel Aviv", "Customer Success Engineer", ""},
	{"recruitee", "Customer Success Engineer Dubai", "Customer Success Engineer", ""},
	{"recruitee", "Office Manager Chicago", "Office Manager", ""},
	{"recruitee", "(Senior) Financial Accountant (f/m/d) - Berlin/Brandenburg Region, Germany", "Financial Accountant", senior},
	{"recruitee", "Partner Development Representative (f/m/d) - Berlin, Germany", "Partner Development Representative", ""},
	{"remoteok", "Benefits Advisor Leadership Training Program", "Benefits Advisor", ""},
	{"remoteok", "Senior Sales Engineer Data & AI Security", "Sales Engineer", senior},
	{"remoteok", "Electrical Engineer", "Electrical Engineer", ""},
	{"remoteok", "Data Center Site Start Up Manager", "Data Center Site Start Up Manager", ""},
	{"remoteok", "Staff DevOps Engineer", "DevOps Engineer", lead},
	{"remoteok", "VP Corporate Marketing Brand & Communications", "VP Corporate Marketing Brand & Communications", principal},
	{"remoteok", "Engineering Manager Workload Management", "Engineering Manager", lead},
	{"remoteok", "C C++ Linux developer", "C C++ Linux Developer", ""},
	{"remoteok", "Forward Deployed AI Architect", "Forward Deployed AI Architect", ""},
	{"remoteok", "AI Trainer", "AI Trainer", ""},
	{"remoteok", "Senior Ecommerce Creative Strategist Philippines", "Ecommerce Creative Strategist", senior},
	{"remoteok", "Head of European and UK Policy", "Head of European and UK Policy", principal},
	{"remoteok", "Payroll and Benefits Specialist", "Payroll and Benefits Specialist", ""},
	{"remoteok", "Partnerships Manager Japan", "Partnerships Manager", ""},
	{"remoteok", "Staff Software Engineer", "Software Engineer", lead},
	{"remoteok", "Associate Creative Director Design", "Creative Director", junior},
	{"remoteok", "Salesforce Agentforce AI Technical Architect Manager", "Salesforce Agentforce AI Technical Architect Manager", ""},
	{"remoteok", "Vice President of Sales", "Vice President of Sales", principal},
	{"remoteok", "Payroll Analyst", "Payroll Analyst", ""},
	{"remoteok", "Support Agent", "Support Agent", ""},
	{"remoteok", "Software Engineer New Grad Production Infrastructure", "Software Engineer", junior},
	{"remoteok", "Principal VC & Startup Ecosystem Lead", "VC & Startup Ecosystem Lead", principal},
	{"remoteok", "Senior Firmware Engineer", "Firmware Engineer", senior},
	{"remoteok", "Full Stack Developer", "Full Stack Developer", ""},
	{"remoteok", "Entry Level Crypto Market Specialist", "Crypto Market Specialist", junior},
	{"remoteok", "Senior Developer Experience Engineer", "Developer Experience Engineer", senior},
	{"remoteok", "Cloud Security Architect", "Cloud Security Architect", ""},
	{"remoteok", "AI Specialist Haitian Creole", "AI Specialist", ""},
	{"remoteok", "Client Partner Enterprise Platform Sales", "Client Partner", ""},
	{"remoteok", "Lead 3D Environment Artist", "3D Environment Artist", lead},
	{"remoteok", "Principal 3D Character Artist", "3D Character Artist", principal},
	{"remoteok", "Senior IT Project Manager", "IT Project Manager", senior},
	{"remoteok", "Technical Product Manager", "Technical Product Manager", ""},
	{"remoteok", "Senior Software Engineer Ruby on Rails", "Software Engineer", senior},
	{"remoteok", "Work From Home Client Support Manager", "Client Support Manager", ""},
	{"remoteok", "Senior Software Engineer Karpenter", "Software Engineer", senior},
	{"remoteok", "Senior Software Engineer Reporting", "Software Engineer", senior},
	{"remoteok", "Senior Backend Engineer", "Backend Engineer", senior},
	{"remoteok", "UK Support Specialist", "UK Support Specialist", ""},
	{"remoteok", "Human Resources Engagement Partner", "Human Resources Engagement Partner", ""},
	{"remoteok", "Senior Software Engineer Data Platform", "Software Engineer", senior},
	{"remoteok", "Corporate Associate ECVC", "Corporate Associate", junior},
	{"remoteok", "Recruiting Coordinator", "Recruiting Coordinator", ""},
	{"remoteok", "Manager Revenue Accounting", "Manager Revenue Accounting", ""},
	{"remoteok", "Data Analyst", "Data Analyst", ""},
	{"remoteok", "Contract Data Architect", "Data Architect", ""},
	{"remoteok", "People Operations Specialist", "People Operations Specialist", ""},
	{"remoteok", "Director Planning & Analytics", "Director Planning & Analytics", principal},
	{"remoteok", "Senior Technical Game Designer", "Technical Game Designer", senior},
	{"remoteok", "Benefit Verification Pharmacy Technician", "Benefit Verification Pharmacy Technician", ""},
	{"remoteok", "Infrastructure Manager", "Infrastructure Manager", ""},
	{"remoteok", "Assistant Pricing Manager", "Assistant Pricing Manager", ""},
	{"remoteok", "Staff Threat Intelligence Researcher", "Threat Intelligence Researcher", lead},
	{"remoteok", "CHW Manager", "CHW Manager", ""},
	{"remoteok", "Lead Level Designer", "Level Designer", lead},
	{"remoteok", "Senior Level Designer", "Level Designer", senior},
	{"remoteok", "Narrative and World Lead", "Narrative and World Lead", lead},
	{"remoteok", "Procurement Specialist Hardware", "Procurement Specialist", ""},
	{"remoteok", "Lead Animator", "Animator", lead},
	{"remoteok", "Senior Software Engineer", "Software Engineer", senior},
	{"remoteok", "Territory Sales Representative Green Grass Southeast", "Territory Sales Representative", ""},
	{"remoteok", "Customer Service Representative Member Care", "Customer Service Representative", ""},
	{"remoteok", "Design Intern Summer 2026", "Design Intern", intern},
	{"remoteok", "Restaurant Account Manager", "Restaurant Account Manager", ""},
	{"remoteok", "Journeyperson Electrician", "Journeyperson Electrician", ""},
	{"remoteok", "Solutions Analytics Data Scientist", "Solutions Analytics Data Scientist", ""},
	{"remoteok", "Director of Community", "Director of Community", principal},
	{"remoteok", "Data Scientist IV", "Data Scientist", lead},
	{"remoteok", "Senior Sales Engineer Majors West", "Sales Engineer", senior},
	{"remoteok", "Director Product Management", "Director Product Management", principal},
	{"remoteok", "Senior Configuration Analyst", "Configuration Analyst", senior},
	{"remoteok", "Manager Strategic Partnerships", "Manager Strategic Partnerships", ""},
	{"remoteok", "Staff Automation Engineer Internal Audit", "Automation Engineer", lead},
	{"remoteok", "Temp Clinical Product Lead", "Clinical Product Lead", lead},
	{"remoteok", "Security Intern", "Security Intern", intern},
	{"remoteok", "Rigging Technical Artist NBA 2K", "Rigging Technical Artist", ""},
	{"remoteok", "Senior Software Engineer Python Django PostgreSQL and Vue.js", "Software Engineer", senior},
	{"remoteok", "Head of Forward Deployment Engineering", "Head of Forward Deployment Engineering", principal},
	{"remoteok", "Customer Support Specialist", "Customer Support Specialist", ""},
	{"remoteok", "Senior Python Backend Engineer Mission Critical", "Python Backend Engineer", senior},
	{"remoteok", "Frontend Engineer II Core Product", "Frontend Engineer", mid},
	{"remoteok", "Security Engineer", "Security Engineer", ""},
	{"remoteok", "Training & Assessment Assessor", "Training & Assessment Assessor", ""},
	{"remoteok", "Product Operations Lead", "Product Operations Lead", lead},
	{"remoteok", "Cloud Systems Engineer", "Cloud Systems Engineer", ""},
	{"remoteok", "Engineering Manager Accelerator Platform", "Engineering Manager", lead},
	{"remoteok", "Senior DevOps Engineer", "DevOps Engineer", senior},
	{"remoteok", "Shop Assistant Cammeray", "Shop Assistant", ""},
	{"remoteok", "Brand Protection & Marketplace Compliance Analyst", "Brand Protection & Marketplace Compliance Analyst", ""},
	{"remoteok", "Store Manager", "Store Manager", ""},
	{"remoteok", "Australian English Voice Actor Adelaide", "Australian English Voice Actor", ""},
	{"remoteok", "Customer Success Manager", "Customer Success Manager", ""},
	{"remoteok", "Warehouse Inventory Clerk", "Warehouse Inventory Clerk", ""},
	{"remoteok", "Group leader", "Group Leader", ""},
	{"remoteok", "Handyman", "Handyman", ""},
	{"remotive", "Remote Office Assistant", "Office Assistant", ""},
	{"remotive", "Inside Sales Contractor", "Inside Sales Contractor", ""},
	{"remotive", "Product Sales Specialist - Pet Health", "Product Sales Specialist", ""},
	{"remotive", "Online Data Analyst Canada", "Online Data Analyst", ""},
	{"remotive", "Tech Lead Full-Stack Rails Engineer", "Full Stack Rails Engineer", lead},
	{"remotive", "Tech Lead Databricks Data Engineer", "Databricks Data Engineer", lead},
	{"remotive", "Senior Full-stack Developer", "Full Stack Developer", senior},
	{"remotive", "Office Assistant", "Office Assistant", ""},
	{"remotive", "Executive Assistant & Accountability Partner (Full‑Time, Remote, ET Hours)", "Executive Assistant & Accountability Partner", ""},
	{"remotive", "iOS Developer", "iOS Developer", ""},
	{"remotive", "Content Marketing Manager", "Content Marketing Manager", ""},
	{"remotive", "Freelance Writer", "Writer", ""},
	{"remotive", "Customer Support Representative", "Customer Support Representative", ""},
	{"remotive", "Copywriter", "Copywriter", ""},
	{"remotive", "SEO Manager", "SEO Manager", ""},
	{"remotive", "Senior Amazon Brand Manager", "Amazon Brand Manager", senior},
	{"remotive", "Student Representatives ", "Student Representatives", ""},
	{"remotive", "Software Engineer, iOS Core Product", "iOS Software Engineer", ""},
	{"remotive", "Senior Performance Marketer (Full Remote - Worldwide)", "Performance Marketer", senior},
	{"remotive", "Language teachers", "Language Teachers", ""},
	{"remotive", "Senior DevOps Engineer (AWS)", "DevOps Engineer", senior},
	{"remotive", "Data Labeling Specialists", "Data Labeling Specialists", ""},
	{"remotive", "Mid/Senior AI Cinematic Video Editor", "AI Cinematic Video Editor", mid},
	{"remotive", "Business Development Representative", "Business Development Representative", ""},
	{"remotive", "Content Reviewer - United States", "Content Reviewer", ""},
	{"remotive", "Product Sales Specialist - Pet Health (CST timezone)", "Product Sales Specialist", ""},
	{"remotive", "Patient Care Specialist", "Patient Care Specialist", ""},
	{"remotive", "Senior Independent Software Developer", "Independent Software Developer", senior},
	{"remotive", "Senior Independent AI Engineer / Architect", "Independent AI Engineer", senior},
	{"remotive", "Head of Marketing & Communications", "Head of Marketing & Communications", principal},
	{"remotive", "Senior Product Engineer (Fullstack)", "Product Engineer", senior},
	{"remotive", "Assistant Account Payable", "Assistant Account Payable", ""},
	{"remotive", "Staff Software Engineer, Product (Belo Horizonte)", "Software Engineer", lead},
	{"remotive", "Staff Software Engineer, Product (Montevideo)", "Software Engineer", lead},
	{"remotive", "Staff Software Engineer, Product (São Paulo)", "Software Engineer", lead},
	{"remotive", "Staff Software Engineer, Product (Mexico City)", "Software Engineer", lead},
	{"remotive", "Staff Software Engineer, Product (Campinas)", "Software Engineer", lead},
	{"remotive", "Staff Software Engineer, Product (Florianópolis)", "Software Engineer", lead},
	{"remotive", "Staff Product Engineer (Mexico City)", "Product Engineer", lead},
	{"remotive", "Staff Product Engineer (Montevideo)", "Product Engineer", lead},
	{"remotive", "Staff Product Engineer (Campinas)", "Product Engineer", lead},
	{"remotive", "Staff Product Engineer (Belo Horizonte)", "Product Engineer", lead},
	{"remotive", "Staff Product Engineer (Florianópolis)", "Product Engineer", lead},
	{"remotive", "Online Data Analyst Canada (French Language) (C)", "Online Data Analyst", ""},
	{"remotive", "Tier III Service Desk Engineer", "Tier III Service Desk Engineer", ""},
	{"remotive", "Freelance Copywriter", "Copywriter", ""},
	{"remotive", "Senior AI Engineer", "AI Engineer", senior},
	{"remotive", "Customer Operations & Writing Specialist", "Customer Operations & Writing Specialist", ""},
	{"remotive", "Communications Manager", "Communications Manager", ""},
	{"workable", "Account Executive (Partner First) - APAC", "Account Executive", ""},
	{"workable", "Account Executive - UK&I / Northern Europe", "Account Executive", ""},
	{"workable", "Business Analyst - Spanish Speaking", "Business Analyst", ""},
	{"common", "Sr. Software Engineer", "Software Engineer", senior},
	{"common", "Sr Software Engineer", "Software Engineer", senior},
	{"common", "Jr. Frontend Developer", "Frontend Developer", junior},
	{"common", "Junior Backend Developer (m/f/d)", "Backend Developer", junior},
	{"common", "Senior Backend Engineer (w/m/d)", "Backend Engineer", senior},
	{"common", "Software Engineer (f/m/x)", "Software Engineer", ""},
	{"common", "Développeur Full Stack (H/F)", "Développeur Full Stack", ""},
	{"common", "Senior Data Engineer (all genders)", "Data Engineer", senior},
	{"common", "Backend Engineer - Remote US", "Backend Engineer", ""},
	{"common", "Remote - EMEA: Senior DevOps Engineer", "DevOps Engineer", senior},
	{"common", "Senior Product Designer [Berlin]", "Product Designer", senior},
	{"common", "Staff Engineer | London", "Engineer", lead},
	{"common", "Senior Backend Engineer - $150k", "Backend Engineer", senior},
	{"common", "Senior Software Engineer (Contract)", "Software Engineer", senior},
	{"common", "QA Analyst (Part-time)", "QA Analyst", ""},
	{"common", "Software Engineer - Payments", "Software Engineer", ""},
	{"common", "Product Manager, Growth", "Product Manager", ""},
	{"common", "Site Reliability Engineer (Infrastructure)", "Site Reliability Engineer", ""},
	{"common", "SENIOR SOFTWARE ENGINEER", "Software Engineer", senior},
	{"common", "LEAD DATA SCIENTIST - REMOTE", "Data Scientist", lead},
	{"common", "Back-end Developer", "Backend Developer", ""},
	{"common", "Back End Engineer", "Backend Engineer", ""},
	{"common", "Front-end Engineer", "Frontend Engineer", ""},
	{"common", "Front End Developer", "Frontend Developer", ""},
	{"common", "Fullstack Developer", "Full Stack Developer", ""},
	{"common", "Full-Stack Engineer", "Full Stack Engineer", ""},
	{"common", "SRE", "Site Reliability Engineer", ""},
	{"common", "Senior SRE", "Site Reliability Engineer", senior},
	{"common", "SRE Manager", "Site Reliability Engineering Manager", lead},
	{"common", "ML Engineer", "Machine Learning Engineer", ""},
	{"common", "Senior ML Engineer", "Machine Learning Engineer", senior},
	{"common", "AI Engineer", "AI Engineer", ""},
	{"common", "Golang Developer", "Go Developer", ""},
	{"common", "Senior Golang Engineer", "Go Engineer", senior},
	{"common", "Dev Ops Engineer", "DevOps Engineer", ""},
	{"common", "Devops Engineer", "DevOps Engineer", ""},
	{"common", "QA Engineer", "QA Engineer", ""},
	{"common", "Software Engineer, Backend", "Backend Software Engineer", ""},
	{"common", "Software Engineer, Frontend", "Frontend Software Engineer", ""},
	{"common", "Software Engineer - iOS", "iOS Software Engineer", ""},
	{"common", "Software Engineer, Machine Learning", "Machine Learning Software Engineer", ""},
	{"common", "Senior Software Engineer, Full Stack", "Full Stack Software Engineer", senior},
	{"common", "Backend Engineer", "Backend Engineer", ""},
	{"common", "Backend Developer", "Backend Developer", ""},
	{"common", "Senior iOS Engineer", "iOS Engineer", senior},
	{"common", "Android Developer", "Android Developer", ""},
	{"common", ".NET Developer", ".NET Developer", ""},
	{"common", "Senior .NET Developer", ".NET Developer", senior},
	{"common", "PHP Developer", "PHP Developer", ""},
	{"common", "SQL Developer", "SQL Developer", ""},
	{"common", "AWS Cloud Engineer", "AWS Cloud Engineer", ""},
	{"common", "GCP Data Engineer", "GCP Data Engineer", ""},
	{"common", "UX Designer", "UX Designer", ""},
	{"common", "UI/UX Designer", "UI/UX Designer", ""},
	{"common", "Senior UX Researcher", "UX Researcher", senior},
	{"common", "SDET", "SDET", ""},
	{"common", "Senior SDET", "SDET", senior},
	{"common", "Software Development Engineer in Test", "Software Development Engineer in Test", ""},
	{"common", "Entry Level Software Engineer", "Software Engineer", junior},
	{"common", "Entry-Level Data Analyst", "Data Analyst", junior},
	{"common", "Graduate Software Engineer", "Software Engineer", junior},
	{"common", "New Grad Software Engineer", "Software Engineer", junior},
	{"common", "Associate Product Manager", "Product Manager", junior},
	{"common", "Intermediate Frontend Developer", "Frontend Developer", mid},
	{"common", "Mid-level Backend Developer", "Backend Developer", mid},
	{"common", "Mid Level Software Engineer", "Software Engineer", mid},
	{"common", "Software Engineering Intern", "Software Engineering Intern", intern},
	{"common", "Software Engineer Intern", "Software Engineer", intern},
	{"common", "Data Science Internship", "Data Science Internship", intern},
	{"common", "Werkstudent Softwareentwicklung (m/w/d)", "Werkstudent Softwareentwicklung", intern},
	{"common", "Trainee Data Analyst", "Data Analyst", intern},
	{"common", "Software Engineer I", "Software Engineer", junior},
	{"common", "Software Engineer II", "Software Engineer", mid},
	{"common", "Software Engineer III", "Software Engineer", senior},
	{"common", "Software Engineer IV", "Software Engineer", lead},
	{"common", "Principal Engineer", "Engineer", principal},
	{"common", "Principal Software Engineer", "Software Engineer", principal},
	{"common", "Distinguished Engineer", "Engineer", principal},
	{"common", "Technical Fellow", "Technical Fellow", principal},
	{"common", "Staff Software Engineer", "Software Engineer", lead},
	{"common", "Lead Software Engineer", "Software Engineer", lead},
	{"common", "Tech Lead", "Tech Lead", lead},
	{"common", "Engineering Team Lead", "Engineering", lead},
	{"common", "Head of Engineering", "Head of Engineering", principal},
	{"common", "Engineering Manager", "Engineering Manager", lead},
	{"common", "Senior Engineering Manager", "Engineering Manager", lead},
	{"common", "Director of Engineering", "Director of Engineering", principal},
	{"common", "VP of Engineering", "VP of Engineering", principal},
	{"common", "Solutions Architect", "Solutions Architect", ""},
	{"common", "Senior Solutions Architect", "Solutions Architect", senior},
	{"common", "Cloud Architect", "Cloud Architect", ""},
	{"common", "Junior Software Engineer", "Software Engineer", junior},
	{"common", "Senior Data Scientist", "Data Scientist", senior},
	{"common", "Data Scientist", "Data Scientist", ""},
	{"common", "Machine Learning Engineer", "Machine Learning Engineer", ""},
	{"common", "Senior Machine Learning Engineer", "Machine Learning Engineer", senior},
	{"common", "Research Scientist", "Research Scientist", ""},
	{"common", "Security Engineer", "Security Engineer", ""},
	{"common", "Senior Security Engineer", "Security Engineer", senior},
	{"common", "Network Engineer", "Network Engineer", ""},
	{"common", "Database Administrator", "Database Administrator", ""},
	{"common", "Technical Writer", "Technical Writer", ""},
	{"common", "Senior Technical Writer", "Technical Writer", senior},
	{"common", "Mobile Developer", "Mobile Developer", ""},
	{"common", "Embedded Systems Engineer", "Embedded Systems Engineer", ""},
	{"common", "Business Analyst", "Business Analyst", ""},
	{"common", "Support Engineer", "Support Engineer", ""},
	{"common", "R&D Engineer", "R&D Engineer", ""},
	{"common", "Platform Engineer", "Platform Engineer", ""},
	{"common", "Senior Platform Engineer", "Platform Engineer", senior},
	{"common", "Accountant", "Accountant", ""},
	{"common", "Senior Accountant", "Accountant", senior},
	{"common", "Staff Accountant", "Staff Accountant", ""},
	{"common", "Financial Analyst", "Financial Analyst", ""},
	{"common", "Marketing Specialist", "Marketing Specialist", ""},
	{"common", "Sales Representative", "Sales Representative", ""},
	{"common", "HR Generalist", "HR Generalist", ""},
	{"common", "Operations Coordinator", "Operations Coordinator", ""},
	{"common", "Registered Nurse", "Registered Nurse", ""},
	{"common", "Pharmacist", "Pharmacist", ""},
	{"common", "Civil Engineer", "Civil Engineer", ""},
	{"common", "Mechanical Engineer", "Mechanical Engineer", ""},
	{"common", "Electrician", "Electrician", ""},
	{"common", "Warehouse Associate", "Warehouse Associate", ""},
	{"common", "Junior Software Engineer (Remote)", "Software Engineer", junior},
	{"common", "Senior Backend Developer - Payments", "Backend Developer", senior},
	{"common", "Principal Data Engineer - Infrastructure", "Data Engineer", principal},
	{"common", "Lead DevOps Engineer II", "DevOps Engineer", lead},
	{"common", "Associate UX Designer (Contract)", "UX Designer", junior},
	{"common", "Staff Site Reliability Engineer, Growth", "Site Reliability Engineer", lead},
	{"common", "Senior Software Engineer, Backend (Remote - US)", "Backend Software Engineer", senior},
	{"common", "Senior Frontend Engineer (React) - Remote", "Frontend Engineer", senior},
	{"common", "Senior Full Stack Engineer (Node.js/React)", "Full Stack Engineer", senior},
	{"common", "Backend Engineer (Go) - Berlin", "Backend Engineer", ""},
	{"common", "Senior Golang Backend Engineer", "Go Backend Engineer", senior},
	{"common", "Python Developer", "Python Developer", ""},
	{"common", "Senior Java Developer", "Java Developer", senior},
	{"common", "Java Software Engineer", "Java Software Engineer", ""},
	{"common", "Ruby on Rails Developer", "Ruby on Rails Developer", ""},
	{"common", "React Native Developer", "React Native Developer", ""},
	{"common", "Senior React Developer", "React Developer", senior},
	{"common", "Frontend Developer (Vue.js)", "Frontend Developer", ""},
	{"common", "Data Engineer (Databricks)", "Data Engineer", ""},
	{"common", "Chief of Staff", "Chief of Staff", ""},
	{"common", "Chief Technology Officer", "Chief Technology Officer", principal},
	{"common", "CTO", "CTO", principal},
	{"common", "Founding Engineer", "Founding Engineer", ""},
	{"common", "Founding Backend Engineer", "Founding Backend Engineer", ""},
	{"common", "Senior Software Engineer | Remote | $140k-$180k", "Software Engineer", senior},
	{"common", "Software Engineer @ Stripe", "Software Engineer", ""},
	{"common", "Senior Software Engineer – Platform", "Software Engineer", senior}, // Platform is a team, not a kind of engineer
	{"common", "Software Engineer — Data", "Data Software Engineer", ""},
	{"common", "Junior QA Tester", "QA Tester", junior},
	{"common", "Customer Success Manager (CSM)", "Customer Success Manager", ""},
	{"common", "Scrum Master", "Scrum Master", ""},
	{"common", "Senior Scrum Master", "Scrum Master", senior},
	{"common", "Product Owner", "Product Owner", ""},
	{"common", "Senior Product Owner (m/w/d)", "Product Owner", senior},
	{"common", "Projektmanager (m/w/d)", "Projektmanager", ""},
	{"common", "Softwareentwickler (m/w/d)", "Softwareentwickler", ""},
	{"common", "Senior Softwareentwickler Java (m/w/d)", "Softwareentwickler Java", senior},
	{"common", "Ingénieur DevOps (H/F)", "Ingénieur DevOps", ""},
	{"common", "Desarrollador Backend Senior", "Desarrollador Backend", senior},
	{"common", "Lead Level Designer", "Level Designer", lead},
	{"common", "Account Executive - Mid-Market", "Account Executive", ""},
	{"common", "Senior Account Executive", "Account Executive", senior},
	{"common", "Sales Development Representative (SDR)", "Sales Development Representative", ""},
	{"common", "Lead Generation Specialist", "Lead Generation Specialist", ""},
	{"common", "Senior Staff Engineer", "Engineer", lead},
	{"common", "Sr. Staff Software Engineer", "Software Engineer", lead},
	{"common", "Staff Nurse", "Staff Nurse", ""},
	{"common", "Head of Product", "Head of Product", principal},
	{"common", "Senior Manager, Engineering", "Manager, Engineering", lead},
	{"common", "Manager, Software Engineering", "Manager, Software Engineering", lead},
	{"common", "Director, Product Management", "Director, Product Management", principal},
	{"bench", "Associate QA Analyst - Infrastructure", "QA Analyst", junior},
	{"bench", "Principal Site Reliability Engineer (Remote)", "Site Reliability Engineer", principal},
	{"bench", "Staff Data Engineer III", "Data Engineer", lead},
	{"bench", "Lead UX Designer, Growth", "UX Designer", lead},
	{"bench", "Junior Backend Developer - Payments", "Backend Developer", junior},
	{"bench", "Senior Machine Learning Engineer (Contract)", "Machine Learning Engineer", senior},
	{"bench", "Associate Warehouse Associate", "Warehouse Associate", junior},
	{"bench", "Senior Registered Nurse II", "Registered Nurse", senior},
	{"bench", "Lead R&D Engineer (Remote)", "R&D Engineer", lead},
	{"bench", "Principal Solutions Architect, Growth", "Solutions Architect", principal},
	{"bench", "Junior Database Administrator - Infrastructure", "Database Administrator", junior},
	{"bench", "Staff Embedded Systems Engineer", "Embedded Systems Engineer", lead},
	{"bench", "Senior HR Generalist (Contract)", "HR Generalist", senior},
	{"bench", "Lead Accountant - Payments", "Accountant", lead},
	// The demo board: a leading level word and a dash, team suffixes.
	{"demo", "Intern - Backend Engineer", "Backend Engineer", intern},
	{"demo", "Intern - Backend Engineer – Utrecht", "Backend Engineer", intern},
	{"demo", "Intern - Security Engineer – Austin", "Security Engineer", intern},
	{"demo", "Intern - Data Engineer (Remote)", "Data Engineer", intern},
	{"demo", "Intern - Front End Engineer (w/m/d)", "Frontend Engineer", intern},
	{"demo", "Intern - Mobile Developer (Android), Driver App - Remote", "Mobile Developer", intern},
	{"demo", "Senior - Product Designer | London", "Product Designer", senior},
	{"demo", "Intern - Remote", "Intern", intern},
	{"demo", "SRE Internship", "Site Reliability Engineer", intern},
	{"demo", "SRE Intern (Remote)", "Site Reliability Engineer", intern},
	{"demo", "SRE Manager", "Site Reliability Engineering Manager", lead},
	{"demo", "Software Engineer - Infrastructure – Chicago", "Software Engineer", ""},
	{"demo", "Lead Software Engineer - Infrastructure (Remote)", "Software Engineer", lead},
	{"demo", "Software Engineer II - Infrastructure", "Software Engineer", mid},
	{"demo", "Software Engineer, Infrastructure", "Software Engineer", ""},
	{"demo", "Software Engineer, Payments", "Software Engineer", ""},
	{"demo", "Software Engineer - Growth", "Software Engineer", ""},
	{"demo", "Senior Software Engineer, Platform", "Software Engineer", senior},
	{"demo", "Software Engineer - Cloud", "Software Engineer", ""},
	{"demo", "Software Engineer, Core", "Software Engineer", ""},
	{"demo", "Software Engineer - Tools", "Software Engineer", ""},
	{"demo", "Software Engineer, Backend", "Backend Software Engineer", ""},
	{"demo", "Software Engineer - Frontend", "Frontend Software Engineer", ""},
	{"demo", "Software Engineer, Full Stack", "Full Stack Software Engineer", ""},
	{"demo", "Software Engineer, Mobile", "Mobile Software Engineer", ""},
	{"demo", "Software Engineer - Android", "Android Software Engineer", ""},
	{"demo", "Software Engineer, Machine Learning", "Machine Learning Software Engineer", ""},
	{"demo", "Software Engineer, Security", "Security Software Engineer", ""},
	{"demo", "Software Engineer - Embedded", "Embedded Software Engineer", ""},

	// Management levels, and misreadings found in real postings (issue 9).
	{"mgmt", "Engineering Manager, Payments", "Engineering Manager", lead},
	{"mgmt", "Software Engineering Manager", "Software Engineering Manager", lead},
	{"mgmt", "Data Science Manager", "Data Science Manager", lead},
	{"mgmt", "Senior Director, Engineering", "Director, Engineering", principal},
	{"mgmt", "Head of Data", "Head of Data", principal},
	{"mgmt", "Head, Platform Engineering", "Head, Platform Engineering", principal},
	{"mgmt", "SVP, Technology", "SVP", principal},
	{"mgmt", "Associate Director, Product", "Director, Product", lead},
	{"mgmt", "Associate Director of Data Science", "Director of Data Science", lead},
	{"mgmt", "Assistant Vice President, Risk", "Assistant Vice President", lead},
	{"mgmt", "Associate Principal Engineer", "Engineer", lead},
	{"mgmt", "Associate Principal, Data Science", "Principal", lead},
	{"mgmt", "Associate Software Engineer", "Software Engineer", junior},
	{"mgmt", "Product Manager", "Product Manager", ""},
	{"mgmt", "Senior Account Manager", "Account Manager", senior},
	{"mgmt", "Art Director", "Art Director", ""},
	{"mgmt", "Creative Director", "Creative Director", ""},
	{"mgmt", "Head Chef", "Head Chef", ""},
	{"mgmt", "Chief of Staff", "Chief of Staff", ""},
	{"glued", "Jr.Data Scientist", "Data Scientist", junior},
	{"glued", "Sr.Backend Engineer", "Backend Engineer", senior},
	{"glued", "Snr.Data Analyst", "Data Analyst", senior},
	{"glued", "JR.QA Tester", "QA Tester", junior},
	{"contract", "Smart Contract Engineer", "Smart Contract Engineer", ""},
	{"contract", "Senior Smart Contract Developer", "Smart Contract Developer", senior},
	{"contract", "Smart Contracts Auditor", "Smart Contracts Auditor", ""},
	{"contract", "Contract Manager", "Contract Manager", ""},
	{"contract", "Backend Engineer (Contract)", "Backend Engineer", ""},
	{"contract", "Contract Backend Engineer", "Backend Engineer", ""},
	{"intern", "Internship Coordinator", "Internship Coordinator", ""},
	{"intern", "Internship Program Manager", "Internship Program Manager", ""},
}

func TestTitle(t *testing.T) {
	if len(titleCases) < 150 {
		t.Fatalf("only %d title cases, want at least 150", len(titleCases))
	}
	for _, tc := range titleCases {
		t.Run(tc.source+"/"+tc.title, func(t *testing.T) {
			role, level := parse.Title(tc.title)
			if role != tc.role || level != tc.level {
				t.Errorf("Title(%q) = %q, %q; want %q, %q", tc.title, role, level, tc.role, tc.level)
			}
		})
	}
}

// TestTitleDistinctRoles checks that spelling variants meet and distinct
// roles stay apart.
func TestTitleDistinctRoles(t *testing.T) {
	same := [][]string{
		{"Back-end Engineer", "Back End Engineer", "Backend Engineer", "Sr. Backend Engineer (Remote)", "BACKEND ENGINEER"},
		{"Fullstack Developer", "Full-Stack Developer", "Full stack Developer", "Full Stack Developer - Remote US"},
		{"Front-end Developer", "Front End Developer", "Frontend Developer (m/w/d)"},
		{"SRE", "Site Reliability Engineer", "Senior SRE", "Staff Site Reliability Engineer, Growth"},
		{"Devops Engineer", "Dev Ops Engineer", "DevOps Engineer [Berlin]"},
		{"Golang Developer", "Go Developer", "Senior Golang Developer | London"},
	}
	for _, group := range same {
		want, _ := parse.Title(group[0])
		for _, title := range group[1:] {
			if got, _ := parse.Title(title); got != want {
				t.Errorf("Title(%q) = %q, want %q like %q", title, got, want, group[0])
			}
		}
	}
	a, _ := parse.Title("Backend Engineer")
	b, _ := parse.Title("Backend Developer")
	if a == b {
		t.Errorf("Backend Engineer and Backend Developer both became %q", a)
	}
}

func TestSeniorityFromYears(t *testing.T) {
	tests := []struct {
		name string
		text string
		want jobstats.Seniority
		ok   bool
	}{
		{"plus", "5+ years of experience building backend services", senior, true},
		{"at least", "At least 3 years of experience with React.", mid, true},
		{"range", "3-5 years of professional experience", mid, true},
		{"range to", "2 to 4 years experience in sales", mid, true},
		{"en dash range", "7–10 years of industry experience", senior, true},
		{"one year", "1 year of experience or a strong internship", junior, true},
		{"zero", "0-1 years of experience", junior, true},
		{"words", "five years of experience in accounting", senior, true},
		{"eight plus", "8+ years of software engineering experience", lead, true},
		{"fifteen", "15+ years of industry experience", lead, true},
		{"highest wins", "5+ years of backend experience, 2+ years with Kubernetes experience", senior, true},
		{"parens", "Experience: (4+ years)", mid, true},
		{"minimum of", "Minimum of 2 years of experience (with Electrical Engineering degree)", mid, true},
		{"german", "Mindestens 3 Jahre Berufserfahrung in der Softwareentwicklung", mid, true},
		{"french", "5 ans d'expérience minimum en développement", senior, true},
		{"spanish", "3 años de experiencia con Java", mid, true},
		{"portuguese", "2 anos de experiência com Python", mid, true},
		{"company age", "Founded 10 years ago, we have grown to 200 people.", "", false},
		{"no number", "Experience with Go is a plus.", "", false},
		{"salary", "$120,000 per year", "", false},
		{"percent", "Grew 40% year over year", "", false},
		{"empty", "", "", false},
		{"plus then activity", "- 7+ years building software products", senior, true},
		{"range of activity", "3-5 years of leading engineering teams", mid, true},
		{"plus designing", "10+ years designing large systems", lead, true},
		{"history with activity", "For 10 years serving our customers has been our mission.", "", false},
		{"plus during", "Please note 5+ years during which we grew.", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parse.SeniorityFromYears(tc.text)
			if got != tc.want || ok != tc.ok {
				t.Errorf("SeniorityFromYears(%q) = %q, %v; want %q, %v", tc.text, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func FuzzTitle(f *testing.F) {
	for _, tc := range titleCases {
		f.Add(tc.title)
	}
	f.Add("\xff\xfe (m/w/d) - $150k")
	f.Fuzz(func(t *testing.T, title string) {
		role, level := parse.Title(title)
		if !utf8.ValidString(role) {
			t.Fatalf("Title(%q) role %q is not valid UTF-8", title, role)
		}
		if level != "" && level.Rank() < 0 {
			t.Fatalf("Title(%q) level %q is not a seniority", title, level)
		}
		if l, ok := parse.SeniorityFromYears(title); ok != (l != "") || l != "" && l.Rank() < 0 {
			t.Fatalf("SeniorityFromYears(%q) = %q, %v", title, l, ok)
		}
	})
}

func BenchmarkTitle(b *testing.B) {
	titles := make([]string, len(titleCases))
	for i, tc := range titleCases {
		titles[i] = tc.title
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		parse.Title(titles[i%len(titles)])
		i++
	}
}

func BenchmarkSeniorityFromYears(b *testing.B) {
	desc := benchDescription(b)
	b.SetBytes(int64(len(desc)))
	b.ReportAllocs()
	for b.Loop() {
		parse.SeniorityFromYears(desc)
	}
}

func ExampleTitle() {
	for _, title := range []string{"Sr. Back-end Engineer (m/f/d) - Remote US", "Software Engineer, iOS", "Staff SRE | London"} {
		role, level := parse.Title(title)
		fmt.Printf("%q %q\n", role, level)
	}
	// Output:
	// "Backend Engineer" "senior"
	// "iOS Software Engineer" ""
	// "Site Reliability Engineer" "lead"
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
